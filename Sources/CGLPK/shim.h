// The GLPK C API, as Debian's libglpk-dev installs it (GLPK 5.0).
// Only the LinearProgramming module imports this, with `internal import`.
#include <glpk.h>
