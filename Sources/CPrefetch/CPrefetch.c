// CPrefetch is header-only (include/CPrefetch.h); the package manager wants a source file.
