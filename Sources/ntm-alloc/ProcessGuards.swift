import Foundation
import Reports

/// SIGINT and SIGTERM stop a run cleanly: the staging folder of the output set being written is
/// deleted (the output folder keeps its previous files) and the process exits with 128 + the
/// signal number (130, 143), as shells report a process killed by that signal.
///
/// The two signals are blocked in every thread and received by one dedicated thread with
/// `sigwait`, so the clean-up runs as ordinary code, not in a signal handler. ``install()`` must
/// run before any other thread is started (threads inherit the blocked set).
enum SignalGuard {
    static func install() {
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_BLOCK, &signals, nil)
        let waited = signals
        let thread = Thread {
            var set = waited
            var received: Int32 = 0
            while sigwait(&set, &received) != 0 {}
            let name = received == SIGINT ? "SIGINT" : "SIGTERM"
            OutputSet.abandonAllAndExit {
                let line = "ntm-alloc: stopped by \(name)\n"
                _ = line.withCString { write(STDERR_FILENO, $0, strlen($0)) }
                _exit(128 + received)
            }
        }
        thread.name = "ntm-alloc signals"
        thread.start()
    }
}

/// Standard output that cannot be written (a full disk, `> /dev/full`) is an error: at exit the
/// buffered output is flushed and, if that or any earlier write failed, the cause is printed to
/// standard error and the exit status becomes 3 ("an output could not be written").
enum StandardOutputGuard {
    static func install() {
        atexit {
            // fflush(NULL) flushes stdout (the only buffered stream written; `stdout` itself
            // cannot be named under strict concurrency). A failed earlier flush leaves the data
            // in the buffer, so this flush fails too.
            var failed = false
            var reason = "write error"
            if fflush(nil) != 0 {
                failed = true
                reason = String(cString: strerror(errno))
            }
            guard failed else { return }
            let line = "error: cannot write to standard output: \(reason)\n"
            _ = line.withCString { write(STDERR_FILENO, $0, strlen($0)) }
            _exit(3)
        }
    }
}
