// Header only: LLVMFuzzerRunDriver comes from the libFuzzer runtime that -sanitize=fuzzer links.
#include "CFuzzerDriver.h"
