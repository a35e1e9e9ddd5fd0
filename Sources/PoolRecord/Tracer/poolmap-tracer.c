// poolmap-tracer: the allocation tracer `poolmap record` preloads (LD_PRELOAD) into a program.
//
// poolmap embeds this file as text (scripts/embed-tracer.py) and compiles it on first use into a
// per-user cache; see Sources/PoolRecord/TracerBuilder.swift. It interposes malloc, calloc,
// realloc, reallocarray, free, posix_memalign, aligned_alloc, memalign, valloc and pvalloc and
// writes one fixed-size record per event into a file that poolmap created and mapped here
// (MAP_SHARED): the records live in the page cache the moment they are written, so nothing is
// buffered, nothing needs flushing at exit or at exec, and a program that crashes or is killed
// leaves every record it wrote. Disk space (or tmpfs memory) is reserved a megabyte ahead, so a
// full disk stops the recording instead of killing the program with SIGBUS. poolmap turns the
// records into a trace once the program ended.
//
// Layout (RawTrace.swift reads the same): a header page, then `capacity` records of 32
// bytes. Record number N is event number N: a slot is taken with one atomic fetch-and-add on
// the header's `next`, which is the global order of events across threads. A free takes its
// slot before the real free runs, an allocation after the real call returned, so a free is
// always ordered before its address can be handed out again. A realloc takes two slots: one
// before the call (the old block's release) and one after (the new block), linked by number.
//
// Which process is traced: poolmap writes its own pid into the header; the first image whose
// parent is poolmap claims the file with its pid. An image loaded by exec in that same process
// (same pid) continues the trace after an image record; every other process that inherits the
// environment (children, forked or spawned) finds another pid and records nothing. A forked
// child also stops at once (pthread_atfork) and unmaps the file.
//
// Traps: dlsym may allocate while the real functions are being looked up (served from a static
// buffer whose blocks never reach the real free); re-entrancy (a thread-local guard: the
// tracer's own allocations and nested calls are not recorded). Recording an event never
// allocates: one atomic add and a 32-byte store (a lock only to reserve the next megabyte).
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define EXPORT __attribute__((visibility("default")))
#define UNLIKELY(x) __builtin_expect(!!(x), 0)

// ---- The raw file ---------------------------------------------------------------------------

#define PM_MAGIC "PMRAW001"
#define PM_VERSION 1u
#define PM_HEADER_SIZE 4096u
#define PM_RECORD_SIZE 32u
#define PM_ENVIRONMENT "POOLMAP_RECORD_RAW"
#define PM_SELFTEST "POOLMAP_TRACER_SELFTEST"

enum {
    KIND_ALLOC = 1,         // addr, size
    KIND_ALIGNED = 2,       // addr, size, aux = alignment
    KIND_FREE = 3,          // addr
    KIND_REALLOC_FROM = 4,  // addr = the old block (released by the realloc at this slot)
    KIND_REALLOC_TO = 5,    // addr = the new block, size, aux = the slot of its REALLOC_FROM
    KIND_IMAGE = 6,         // size = bytes of text that follow, aux = image number (0 first)
    KIND_TEXT = 7,          // up to 24 bytes of text in addr/size/aux, extra = how many
};

struct pm_header {
    char magic[8];
    uint32_t version;
    uint32_t record_size;
    uint64_t capacity;            // records after the header
    int32_t parent_pid;           // poolmap's pid: the traced process is its child
    _Atomic int32_t traced_pid;   // claimed by the first image, kept by images after exec
    _Atomic uint64_t next;        // slots handed out; past capacity once the file is full
    _Atomic uint32_t images;      // images of the traced process that loaded the tracer
    _Atomic uint32_t full;        // 1 once an event did not fit
    _Atomic uint64_t bootstrap;   // bytes served from the bootstrap buffer in the last image
    _Atomic uint64_t reserved;    // record slots whose disk space is allocated (see reserve)
};

struct pm_record {
    uint64_t addr;
    uint64_t size;
    uint64_t aux;
    uint32_t kind;  // 0: an empty slot (taken, never written, e.g. a failed realloc)
    uint32_t extra;
};

_Static_assert(sizeof(struct pm_header) <= PM_HEADER_SIZE, "header page");
_Static_assert(offsetof(struct pm_header, next) == 32, "header layout");
_Static_assert(offsetof(struct pm_header, bootstrap) == 48, "header layout");
_Static_assert(offsetof(struct pm_header, reserved) == 56, "header layout");
_Static_assert(sizeof(struct pm_record) == PM_RECORD_SIZE, "record layout");

static struct pm_header *header;
static struct pm_record *records;
static uint64_t capacity;
static size_t mapped_bytes;
static int active;  // this process is the traced one and the file is mapped
static size_t page_size;
static char raw_path[PATH_MAX];  // the file, reopened to reserve space (never kept open)
static pthread_mutex_t reserve_lock = PTHREAD_MUTEX_INITIALIZER;
#define PM_RESERVE_STEP (UINT64_C(1) << 15)  // slots reserved at a time: 1 MiB

// ---- The guard --------------------------------------------------------------------------------

// Per thread: BUSY while the tracer itself runs (its own allocations and any nested call are
// not recorded), RESOLVING while dlsym looks up the real functions (allocations then come from
// the bootstrap buffer), FORKING in the thread that calls fork, from the first fork handler to
// the last (what other libraries' handlers allocate in the child before ours has stopped the
// recording must not reach the parent's trace). The initial-exec model keeps every access free
// of allocation.
enum { BUSY = 1, RESOLVING = 2, FORKING = 4 };
static __thread unsigned guard __attribute__((tls_model("initial-exec")));

// Sets the guard where the calls that follow can see it. glibc declares dlsym, dlerror,
// getenv and others `leaf` (they never call back into this file), which lets GCC drop a store
// to `guard` before them as dead; but through malloc they do call back here. The hot paths
// call the real functions through pointers, which are never `leaf`.
static void set_guard(unsigned value) {
    guard = value;
    __asm__ __volatile__("" ::: "memory");
}

// ---- The real functions -----------------------------------------------------------------------

static void *(*real_malloc)(size_t);
static void *(*real_calloc)(size_t, size_t);
static void *(*real_realloc)(void *, size_t);
static void (*real_free)(void *);
static int (*real_posix_memalign)(void **, size_t, size_t);
static void *(*real_aligned_alloc)(size_t, size_t);
static void *(*real_memalign)(size_t, size_t);
static void *(*real_valloc)(size_t);
static void *(*real_pvalloc)(size_t);

// ---- The bootstrap buffer ---------------------------------------------------------------------

// While dlsym runs, allocations come from here; each block is preceded by its size. Blocks are
// never reused and never passed to the real free (free ignores them, realloc copies them out).
static unsigned char bootstrap_buffer[1 << 16] __attribute__((aligned(64)));
static _Atomic size_t bootstrap_used;

static int is_bootstrap(const void *pointer) {
    const unsigned char *p = pointer;
    return p >= bootstrap_buffer && p < bootstrap_buffer + sizeof bootstrap_buffer;
}

static void *bootstrap_alloc(size_t size, size_t alignment) {
    if (alignment < 16) alignment = 16;
    if (size > sizeof bootstrap_buffer || alignment > sizeof bootstrap_buffer) return NULL;
    size_t used = atomic_load(&bootstrap_used), begin, end;
    do {
        begin = (used + sizeof(size_t) + alignment - 1) / alignment * alignment;
        end = begin + (size ? size : 1);
        if (end > sizeof bootstrap_buffer) {
            errno = ENOMEM;
            return NULL;
        }
    } while (!atomic_compare_exchange_weak(&bootstrap_used, &used, end));
    memcpy(bootstrap_buffer + begin - sizeof(size_t), &size, sizeof size);
    return bootstrap_buffer + begin;
}

static size_t bootstrap_size(const void *pointer) {
    size_t size;
    memcpy(&size, (const unsigned char *)pointer - sizeof(size_t), sizeof size);
    return size;
}

static void resolve(void) {
    if (guard & RESOLVING) return;
    unsigned saved = guard;
    set_guard(saved | RESOLVING);
    // free first: a block dlsym allocates once malloc is known must find the real free.
    real_free = (void (*)(void *))dlsym(RTLD_NEXT, "free");
    real_malloc = (void *(*)(size_t))dlsym(RTLD_NEXT, "malloc");
    real_calloc = (void *(*)(size_t, size_t))dlsym(RTLD_NEXT, "calloc");
    real_realloc = (void *(*)(void *, size_t))dlsym(RTLD_NEXT, "realloc");
    real_posix_memalign = (int (*)(void **, size_t, size_t))dlsym(RTLD_NEXT, "posix_memalign");
    real_aligned_alloc = (void *(*)(size_t, size_t))dlsym(RTLD_NEXT, "aligned_alloc");
    real_memalign = (void *(*)(size_t, size_t))dlsym(RTLD_NEXT, "memalign");
    real_valloc = (void *(*)(size_t))dlsym(RTLD_NEXT, "valloc");
    real_pvalloc = (void *(*)(size_t))dlsym(RTLD_NEXT, "pvalloc");
    set_guard(saved);
}

static size_t page(void) {
    if (UNLIKELY(page_size == 0)) {
        long size = sysconf(_SC_PAGESIZE);
        page_size = size > 0 ? (size_t)size : 4096;
    }
    return page_size;
}

// ---- Recording --------------------------------------------------------------------------------

static inline uint64_t take(uint64_t count) {
    return atomic_fetch_add_explicit(&header->next, count, memory_order_relaxed);
}

// The file is sparse: a page of it gets disk space (or memory, on tmpfs) when first written,
// and a write to a mapped page that cannot get any raises SIGBUS. So space is allocated ahead,
// a megabyte at a time; once that fails, recording stops (`full`) and the program runs on.
static int reserve(uint64_t slot) {
    if (slot >= capacity || atomic_load_explicit(&header->full, memory_order_relaxed)) return 0;
    unsigned saved = guard;
    set_guard(saved | BUSY);
    pthread_mutex_lock(&reserve_lock);
    uint64_t have = atomic_load(&header->reserved);
    int ok = 1;
    while (ok && slot >= have) {
        uint64_t upto = (slot / PM_RESERVE_STEP + 1) * PM_RESERVE_STEP;
        if (upto > capacity) upto = capacity;
        int descriptor = open(raw_path, O_RDWR | O_CLOEXEC);
        int error = descriptor < 0 ? errno
                                   : posix_fallocate(descriptor, (off_t)(PM_HEADER_SIZE + have * PM_RECORD_SIZE),
                                                     (off_t)((upto - have) * PM_RECORD_SIZE));
        if (descriptor >= 0) close(descriptor);
        if (error == 0) {
            have = upto;
            atomic_store(&header->reserved, have);
        } else {
            ok = 0;
        }
    }
    pthread_mutex_unlock(&reserve_lock);
    set_guard(saved);
    return ok;
}

static inline void put_at(uint64_t slot, uint32_t kind, const void *addr, uint64_t size, uint64_t aux,
                          uint32_t extra) {
    if (UNLIKELY(slot >= atomic_load_explicit(&header->reserved, memory_order_relaxed)) && !reserve(slot)) {
        atomic_store_explicit(&header->full, 1, memory_order_relaxed);
        return;
    }
    struct pm_record *record = &records[slot];
    record->addr = (uint64_t)(uintptr_t)addr;
    record->size = size;
    record->aux = aux;
    record->extra = extra;
    record->kind = kind;
}

static inline void put(uint32_t kind, const void *addr, uint64_t size, uint64_t aux) {
    put_at(take(1), kind, addr, size, aux, 0);
}

// The alignment a successful aligned call guarantees: the request rounded up to a power of two.
static uint64_t alignment_of(size_t requested) {
    uint64_t alignment = 1;
    while (alignment < requested && alignment < (UINT64_C(1) << 62)) alignment <<= 1;
    return alignment;
}

// ---- The interposed functions -----------------------------------------------------------------

EXPORT void *malloc(size_t size) {
    if (UNLIKELY(guard != 0 || real_malloc == NULL)) {
        if (guard & RESOLVING) return bootstrap_alloc(size, 16);
        if (real_malloc == NULL) resolve();
        if (real_malloc == NULL) return bootstrap_alloc(size, 16);
        if (guard != 0) return real_malloc(size);
    }
    if (!active) return real_malloc(size);
    guard = BUSY;
    void *block = real_malloc(size);
    guard = 0;
    if (block != NULL) put(KIND_ALLOC, block, size ? size : 1, 0);
    return block;
}

EXPORT void *calloc(size_t count, size_t size) {
    if (UNLIKELY(guard != 0 || real_calloc == NULL)) {
        size_t bytes;
        if (guard & RESOLVING) {
            if (__builtin_mul_overflow(count, size, &bytes)) return NULL;
            return bootstrap_alloc(bytes, 16);  // static storage: already zero
        }
        if (real_calloc == NULL) resolve();
        if (real_calloc == NULL) {
            if (__builtin_mul_overflow(count, size, &bytes)) return NULL;
            return bootstrap_alloc(bytes, 16);
        }
        if (guard != 0) return real_calloc(count, size);
    }
    if (!active) return real_calloc(count, size);
    guard = BUSY;
    void *block = real_calloc(count, size);
    guard = 0;
    if (block != NULL) {
        uint64_t bytes = (uint64_t)count * (uint64_t)size;  // cannot overflow: the call succeeded
        put(KIND_ALLOC, block, bytes ? bytes : 1, 0);
    }
    return block;
}

EXPORT void free(void *block) {
    if (block == NULL || is_bootstrap(block)) return;
    if (UNLIKELY(guard != 0 || real_free == NULL)) {
        if (real_free == NULL) resolve();
        if (real_free == NULL) return;  // only while resolving: leak rather than crash
        if (guard != 0) {
            real_free(block);
            return;
        }
    }
    if (active) put(KIND_FREE, block, 0, 0);  // before the address can be handed out again
    guard = BUSY;
    real_free(block);
    guard = 0;
}

// A block from the bootstrap buffer: copy it into a real one (its old copy stays where it is).
static void *bootstrap_realloc(void *old, size_t size) {
    if (size == 0) return NULL;  // like glibc's realloc(p, 0): the old block is released
    void *block = malloc(size);
    if (block != NULL) {
        size_t old_size = bootstrap_size(old);
        memcpy(block, old, old_size < size ? old_size : size);
    }
    return block;
}

EXPORT void *realloc(void *old, size_t size) {
    if (old != NULL && is_bootstrap(old)) return bootstrap_realloc(old, size);
    if (UNLIKELY(guard != 0 || real_realloc == NULL)) {
        if (guard & RESOLVING) return old == NULL ? bootstrap_alloc(size, 16) : NULL;
        if (real_realloc == NULL) resolve();
        if (real_realloc == NULL) return old == NULL ? bootstrap_alloc(size, 16) : NULL;
        if (guard != 0) return real_realloc(old, size);
    }
    if (!active) return real_realloc(old, size);
    if (old == NULL) {  // an allocation
        guard = BUSY;
        void *block = real_realloc(NULL, size);
        guard = 0;
        if (block != NULL) put(KIND_ALLOC, block, size ? size : 1, 0);
        return block;
    }
    uint64_t release = take(1);  // the old address may be released inside the call
    guard = BUSY;
    void *block = real_realloc(old, size);
    guard = 0;
    if (block == NULL) {
        // glibc's realloc(p, 0) frees p and returns NULL; any other NULL is a failure that
        // leaves the old block live, and the slot stays empty.
        if (size == 0) put_at(release, KIND_FREE, old, 0, 0, 0);
        return NULL;
    }
    uint64_t acquire = take(1);
    put_at(release, KIND_REALLOC_FROM, old, 0, 0, 0);
    put_at(acquire, KIND_REALLOC_TO, block, size ? size : 1, release, 0);
    return block;
}

EXPORT void *reallocarray(void *old, size_t count, size_t size) {
    size_t bytes;
    if (__builtin_mul_overflow(count, size, &bytes)) {
        errno = ENOMEM;
        return NULL;
    }
    return realloc(old, bytes);
}

// The aligned calls share one shape: `call` makes the block, then it is recorded.
static void record_aligned(void *block, size_t size, uint64_t alignment) {
    if (block != NULL) put(KIND_ALIGNED, block, size ? size : 1, alignment);
}

static int aligned_slow_path(void) {
    if (guard & RESOLVING) return 1;
    if (real_posix_memalign == NULL) resolve();
    return real_posix_memalign == NULL;
}

EXPORT int posix_memalign(void **out, size_t alignment, size_t size) {
    if (UNLIKELY(guard != 0 || real_posix_memalign == NULL)) {
        if (aligned_slow_path()) {
            if (alignment < sizeof(void *) || (alignment & (alignment - 1)) != 0) return EINVAL;
            void *block = bootstrap_alloc(size, alignment);
            if (block == NULL) return ENOMEM;
            *out = block;
            return 0;
        }
        if (guard != 0) return real_posix_memalign(out, alignment, size);
    }
    if (!active) return real_posix_memalign(out, alignment, size);
    guard = BUSY;
    int result = real_posix_memalign(out, alignment, size);
    guard = 0;
    if (result == 0) record_aligned(*out, size, alignment_of(alignment));
    return result;
}

EXPORT void *aligned_alloc(size_t alignment, size_t size) {
    if (UNLIKELY(guard != 0 || real_aligned_alloc == NULL)) {
        if (aligned_slow_path()) return bootstrap_alloc(size, alignment);
        if (guard != 0) return real_aligned_alloc(alignment, size);
    }
    if (!active) return real_aligned_alloc(alignment, size);
    guard = BUSY;
    void *block = real_aligned_alloc(alignment, size);
    guard = 0;
    record_aligned(block, size, alignment_of(alignment));
    return block;
}

EXPORT void *memalign(size_t alignment, size_t size) {
    if (UNLIKELY(guard != 0 || real_memalign == NULL)) {
        if (aligned_slow_path()) return bootstrap_alloc(size, alignment);
        if (guard != 0) return real_memalign(alignment, size);
    }
    if (!active) return real_memalign(alignment, size);
    guard = BUSY;
    void *block = real_memalign(alignment, size);
    guard = 0;
    record_aligned(block, size, alignment_of(alignment));
    return block;
}

EXPORT void *valloc(size_t size) {
    if (UNLIKELY(guard != 0 || real_valloc == NULL)) {
        if (aligned_slow_path()) return bootstrap_alloc(size, page());
        if (guard != 0) return real_valloc(size);
    }
    if (!active) return real_valloc(size);
    guard = BUSY;
    void *block = real_valloc(size);
    guard = 0;
    record_aligned(block, size, page());
    return block;
}

EXPORT void *pvalloc(size_t size) {
    size_t pages = page();
    if (UNLIKELY(guard != 0 || real_pvalloc == NULL)) {
        if (aligned_slow_path()) return size > SIZE_MAX - pages ? NULL : bootstrap_alloc((size + pages - 1) / pages * pages, pages);
        if (guard != 0) return real_pvalloc(size);
    }
    if (!active) return real_pvalloc(size);
    guard = BUSY;
    void *block = real_pvalloc(size);
    guard = 0;
    // The whole pages it hands out (a size past the last page cannot succeed).
    if (block != NULL) record_aligned(block, (size + pages - 1) / pages * pages, pages);
    return block;
}

// ---- Attaching to the raw file ----------------------------------------------------------------

static void fork_prepare(void) { set_guard(guard | FORKING); }

static void fork_parent(void) { set_guard(guard & ~(unsigned)FORKING); }

static void forked_child(void) {
    // A forked child is not traced, and must never write into the parent's trace.
    active = 0;
    if (header != NULL) munmap(header, mapped_bytes);
    header = NULL;
    records = NULL;
    set_guard(guard & ~(unsigned)FORKING);
}

// Writes the image record and its text (what was executed, and the running binary).
static void record_image(uint32_t number) {
    char text[2 * PATH_MAX + 2];
    size_t length = 0;
    const char *executed = (const char *)getauxval(AT_EXECFN);
    if (executed != NULL) {
        size_t size = strnlen(executed, PATH_MAX);
        memcpy(text, executed, size);
        length = size;
    }
    text[length++] = '\0';
    ssize_t size = readlink("/proc/self/exe", text + length, PATH_MAX);
    if (size > 0) length += (size_t)size;
    uint64_t texts = (length + 23) / 24;
    uint64_t slot = take(1 + texts);
    put_at(slot, KIND_IMAGE, NULL, length, number, 0);
    for (uint64_t index = 0; index < texts; index++) {
        uint64_t words[3] = {0, 0, 0};
        size_t offset = (size_t)index * 24;
        size_t count = length - offset < 24 ? length - offset : 24;
        memcpy(words, text + offset, count);
        put_at(slot + 1 + index, KIND_TEXT, (const void *)(uintptr_t)words[0], words[1], words[2], (uint32_t)count);
    }
}

static void attach(const char *path) {
    size_t length = strnlen(path, sizeof raw_path);
    if (length == sizeof raw_path) return;
    memcpy(raw_path, path, length + 1);
    int descriptor = open(path, O_RDWR | O_CLOEXEC);
    if (descriptor < 0) return;
    struct pm_header peek;
    struct stat status;
    if (pread(descriptor, &peek, sizeof peek, 0) != (ssize_t)sizeof peek || memcmp(peek.magic, PM_MAGIC, 8) != 0
        || peek.version != PM_VERSION || peek.record_size != PM_RECORD_SIZE || fstat(descriptor, &status) != 0
        || peek.capacity > (UINT64_C(1) << 40)
        || (uint64_t)status.st_size < PM_HEADER_SIZE + peek.capacity * PM_RECORD_SIZE) {
        close(descriptor);
        return;
    }
    // Only the traced process itself: poolmap's child, or the same pid after an exec.
    pid_t self = getpid();
    if (peek.traced_pid != self && (peek.traced_pid != 0 || getppid() != peek.parent_pid)) {
        close(descriptor);
        return;
    }
    size_t bytes = PM_HEADER_SIZE + (size_t)peek.capacity * PM_RECORD_SIZE;
    void *base = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, descriptor, 0);
    close(descriptor);
    if (base == MAP_FAILED) return;
    struct pm_header *mapped = base;
    int32_t expected = 0;
    if (atomic_load(&mapped->traced_pid) != self
        && !atomic_compare_exchange_strong(&mapped->traced_pid, &expected, (int32_t)self)) {
        munmap(base, bytes);
        return;
    }
    header = mapped;
    records = (struct pm_record *)((unsigned char *)base + PM_HEADER_SIZE);
    capacity = peek.capacity;
    mapped_bytes = bytes;
    record_image(atomic_fetch_add(&header->images, 1));
    pthread_atfork(fork_prepare, fork_parent, forked_child);
    active = 1;
}

// For the tests: makes dlsym allocate while the tracer is resolving, as it does on some C
// libraries at the first lookup (glibc: the message of a failed lookup), so the bootstrap path
// runs for real: those blocks come from the static buffer and must never reach the real free.
static void bootstrap_selftest(void) {
    unsigned saved = guard;
    set_guard(saved | RESOLVING);
    (void)dlsym(RTLD_NEXT, "poolmap_tracer_no_such_symbol");
    set_guard(saved);
    (void)dlerror();  // frees the message: a bootstrap block, which free ignores
}

__attribute__((constructor(101))) static void start(void) {
    set_guard(guard | BUSY);
    if (real_malloc == NULL || real_free == NULL) resolve();
    page();
    const char *selftest = getenv(PM_SELFTEST);
    if (selftest != NULL && strcmp(selftest, "dlsym") == 0) bootstrap_selftest();
    const char *path = getenv(PM_ENVIRONMENT);
    if (path != NULL && path[0] != '\0') attach(path);
    if (header != NULL) atomic_store(&header->bootstrap, atomic_load(&bootstrap_used));
    set_guard(guard & ~(unsigned)BUSY);
}
