import Allocation
