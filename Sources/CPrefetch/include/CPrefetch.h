#ifndef CPREFETCH_H
#define CPREFETCH_H

/// Asks the CPU to start loading the cache line holding `address`. A hint: it never faults
/// and changes nothing observable. Swift has no prefetch of its own; this inline function
/// compiles to one instruction in its caller.
static inline __attribute__((always_inline)) void pool_prefetch(const void *address) {
    __builtin_prefetch(address, 1, 3);
}

#endif
