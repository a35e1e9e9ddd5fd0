#ifndef C_FUZZER_DRIVER_H
#define C_FUZZER_DRIVER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's entry point for programs that have their own `main` (it parses libFuzzer's
/// flags from argv and calls `callback` with each input). SwiftPM links an executable's `main`
/// to `<Module>_main`, which `-parse-as-library` leaves undefined; each fuzz target defines
/// that symbol and hands over to this driver.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
