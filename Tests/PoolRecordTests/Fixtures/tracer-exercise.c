// The tests' program for `poolmap record`: calls every interposed function with known sizes and
// alignments, so the recorded trace can be checked event by event. Compiled by the tests with
// clang or cc. Modes (the first argument):
//   all        the known sequence between two markers (malloc 777001 ... malloc 777002), failing
//              requests, 4 threads x 10,000 allocations (sizes 2000-2003), a fork whose child
//              allocates 7777-byte blocks and execs a child that allocates 8888-byte ones, and
//              blocks of 5555 and 5556 bytes freed after main returns
//   exec       3 blocks of 3333 bytes, then exec itself in mode after-exec (4444 bytes)
//   signal N   3 blocks of 6666 bytes, then dies of signal N (11: a real NULL dereference)
//   exit N     a block of 6666 bytes, then exit status N
//   wait       3 blocks of 6666 bytes, then waits for a signal
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <malloc.h>
#include <pthread.h>
#include <stdatomic.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void *after_main_atexit;
static void *after_main_destructor;

static void free_at_exit(void) { free(after_main_atexit); }

__attribute__((destructor)) static void free_in_destructor(void) { free(after_main_destructor); }

// Keeps the compiler from removing allocations whose result is only freed.
static void *volatile sink;

_Noreturn static void fail(const char *what) {
    fprintf(stderr, "tracer-exercise: %s\n", what);
    exit(70);
}

static void known_sequence(void) {
    free(malloc(777001));  // start marker

    void *p1 = malloc(1001);                   // a A 1001
    void *p2 = calloc(10, 101);                // a B 1010
    void *p3 = realloc(NULL, 1003);            // a C 1003
    p3 = realloc(p3, 2003);                    // r C 2003
    void *p4 = reallocarray(NULL, 3, 335);     // a D 1005
    p4 = reallocarray(p4, 4, 335);             // r D 1340
    void *p5 = NULL;
    if (posix_memalign(&p5, 64, 1006) != 0) fail("posix_memalign");  // m E 1006 64
    void *p6 = aligned_alloc(128, 1024);       // m F 1024 128
    void *p7 = memalign(256, 1007);            // m G 1007 256
    void *p8 = valloc(1008);                   // m H 1008 PAGE
    void *p9 = pvalloc(1009);                  // m I PAGE PAGE
    void *p10 = memalign(24, 1011);            // m J 1011 32 (rounded up to a power of two)
    void *p11 = malloc(0);                     // a K 1
    void *p12 = realloc(NULL, 0);              // a L 1
    if (realloc(p11, 0) != NULL) fail("realloc(p, 0) did not free");  // f K (glibc frees)
    void *p13 = NULL;
    if (posix_memalign(&p13, 16, 0) != 0) fail("posix_memalign 0");   // m M 1 16
    if (!p1 || !p2 || !p3 || !p4 || !p6 || !p7 || !p8 || !p9 || !p10 || !p12 || !p13) fail("allocation");
    if ((uintptr_t)p8 % (uintptr_t)sysconf(_SC_PAGESIZE) != 0) fail("valloc alignment");

    // Failing requests record nothing; a failed realloc leaves the old block live.
    void *q = NULL;
    if (malloc(SIZE_MAX) != NULL) fail("malloc(SIZE_MAX)");
    if (calloc(SIZE_MAX, 2) != NULL) fail("calloc overflow");
    if (calloc((size_t)1 << 62, 1 << 4) != NULL) fail("calloc overflow 2");
    if (realloc(p1, SIZE_MAX) != NULL) fail("realloc(SIZE_MAX)");
    if (reallocarray(p1, SIZE_MAX, 2) != NULL) fail("reallocarray overflow");
    if (posix_memalign(&q, 3, 10) != EINVAL) fail("posix_memalign(3)");
    if (posix_memalign(&q, 64, SIZE_MAX) == 0) fail("posix_memalign(SIZE_MAX)");
    if (aligned_alloc(64, SIZE_MAX) != NULL) fail("aligned_alloc(SIZE_MAX)");
    if (memalign(64, SIZE_MAX) != NULL) fail("memalign(SIZE_MAX)");
    if (valloc(SIZE_MAX) != NULL) fail("valloc(SIZE_MAX)");
    if (pvalloc(SIZE_MAX) != NULL) fail("pvalloc(SIZE_MAX)");
    free(NULL);

    free(p1);   // f A
    free(p2);   // f B
    free(p3);   // f C
    free(p4);   // f D
    free(p5);   // f E
    free(p6);   // f F
    free(p7);   // f G
    free(p8);   // f H
    free(p9);   // f I
    free(p10);  // f J
    free(p12);  // f L
    free(p13);  // f M

    free(malloc(777002));  // end marker
}

// Each thread allocates 10,000 blocks of 2000 + its number, keeps up to 16 of them and frees
// the rest, some of them blocks another thread allocated (through a shared exchange).
static void *_Atomic exchange[64];

static void *thread_main(void *argument) {
    size_t number = (size_t)(uintptr_t)argument;
    void *kept[16] = {0};
    for (int index = 0; index < 10000; index++) {
        void *block = malloc(2000 + number);
        if (block == NULL) fail("thread malloc");
        memset(block, (int)number, 16);
        if (index % 3 == 0) {
            block = atomic_exchange(&exchange[(index + number * 17) % 64], block);
            if (block == NULL) continue;
        }
        free(kept[index % 16]);
        kept[index % 16] = block;
    }
    for (int index = 0; index < 16; index++) free(kept[index]);
    return NULL;
}

static void threads(void) {
    pthread_t ids[4];
    for (size_t number = 0; number < 4; number++) {
        if (pthread_create(&ids[number], NULL, thread_main, (void *)(uintptr_t)number) != 0) fail("pthread_create");
    }
    for (int number = 0; number < 4; number++) pthread_join(ids[number], NULL);
    for (int index = 0; index < 64; index++) free(atomic_exchange(&exchange[index], NULL));
}

static void forked_child(const char *self) {
    for (int index = 0; index < 100; index++) free(malloc(7777));
    pid_t grandchild = fork();
    if (grandchild == 0) {
        execl(self, "tracer-exercise", "child-exec", (char *)NULL);
        _exit(71);
    }
    int status = 0;
    waitpid(grandchild, &status, 0);
    _exit(WIFEXITED(status) ? WEXITSTATUS(status) : 72);
}

static void fork_test(const char *self) {
    void *before = malloc(9991);  // a block the child frees in its copy only
    pid_t child = fork();
    if (child < 0) fail("fork");
    if (child == 0) {
        free(before);
        forked_child(self);
    }
    int status = 0;
    if (waitpid(child, &status, 0) != child || !WIFEXITED(status) || WEXITSTATUS(status) != 0) fail("child");
    free(before);
}

static void hold(size_t size, int count) {
    for (int index = 0; index < count; index++) sink = malloc(size);
}

int main(int argc, char **argv) {
    const char *mode = argc > 1 ? argv[1] : "all";
    if (strcmp(mode, "all") == 0) {
        known_sequence();
        threads();
        fork_test("/proc/self/exe");
        (void)dlsym(RTLD_DEFAULT, "tracer_exercise_no_such_symbol");  // reuses dlerror's state
        (void)dlerror();
        after_main_atexit = malloc(5556);
        after_main_destructor = malloc(5555);
        atexit(free_at_exit);
        return 0;
    }
    if (strcmp(mode, "child-exec") == 0) {
        for (int index = 0; index < 100; index++) free(malloc(8888));
        return 0;
    }
    if (strcmp(mode, "exec") == 0) {
        hold(3333, 3);
        execl("/proc/self/exe", "tracer-exercise", "after-exec", (char *)NULL);
        fail("exec");
    }
    if (strcmp(mode, "after-exec") == 0) {
        free(malloc(4444));
        return 0;
    }
    if (strcmp(mode, "signal") == 0 && argc > 2) {
        hold(6666, 3);
        int number = atoi(argv[2]);
        if (number == SIGSEGV) {
            int *volatile nothing = NULL;
            *nothing = 1;
        }
        raise(number);
        return 73;
    }
    if (strcmp(mode, "wait") == 0) {
        hold(6666, 3);
        pause();
        return 74;
    }
    if (strcmp(mode, "exit") == 0 && argc > 2) {
        hold(6666, 1);
        return atoi(argv[2]);
    }
    fail("unknown mode");
}
