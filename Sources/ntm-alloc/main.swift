print("ntm-alloc")
