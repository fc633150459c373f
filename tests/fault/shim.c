/* @brief Test-only LD_PRELOAD shim for coopdec-index: a disk that fills up
 * under one folder, and the peak memory of the run.
 *
 * Loaded into coopdec-index by tests/crash_test.cc, never into a production
 * binary.
 *
 * Full disk. Writes (write, pwrite, pwrite64, writev) to files under
 * $COOPDEC_FAULT_DIR are counted; once $COOPDEC_FAULT_BUDGET bytes have been
 * written, every further write there, and every fsync/fdatasync of a file
 * there, fails with ENOSPC, as on a full disk (the budget may be 0: the very
 * first write fails). Without COOPDEC_FAULT_BUDGET nothing fails and the shim
 * only counts. When $COOPDEC_FAULT_COUNT names a file, the bytes written under
 * the folder are written there (in decimal) at exit, so that a test can place
 * its budgets inside a real run.
 *
 * Files elsewhere (the corpus, stdout, stderr) are never touched. Xapian
 * writes its blocks with pwrite and its version file with write, and makes
 * them durable with fdatasync: all covered.
 *
 * Peak memory. When $COOPDEC_FAULT_PEAK names a file, the process's peak
 * resident set (VmHWM, in kB) is written there at exit. The rusage a parent
 * gets is no use here: a child started by posix_spawn (vfork) from a large
 * test process inherits that process's resident set as its starting peak.
 * VmHWM belongs to the address space the program got at exec.
 *
 * Under AddressSanitizer the child needs ASAN_OPTIONS=verify_asan_link_order=0,
 * as this library comes first.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

static const char* fault_dir(void) {
    static const char* dir = NULL;
    static int looked = 0;
    if (!looked) {
        dir = getenv("COOPDEC_FAULT_DIR");
        looked = 1;
    }
    return dir;
}

static unsigned long long written = 0; /* bytes written under the folder so far */

/* Whether `fd` is a file under COOPDEC_FAULT_DIR (an absolute, resolved path). */
static int watched(int fd) {
    const char* dir = fault_dir();
    if (!dir || !*dir) return 0;
    char link[64], target[PATH_MAX];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    int saved = errno;
    ssize_t n = readlink(link, target, sizeof target - 1);
    errno = saved;
    if (n <= 0) return 0;
    target[n] = '\0';
    size_t len = strlen(dir);
    return strncmp(target, dir, len) == 0 && (target[len] == '/' || target[len] == '\0');
}

/* Whether a write of `n` more bytes to `fd` must fail; counts it if not. */
static int refuse(int fd, size_t n) {
    if (!watched(fd)) return 0;
    const char* budget = getenv("COOPDEC_FAULT_BUDGET");
    if (budget && *budget && written + n > strtoull(budget, NULL, 10)) {
        errno = ENOSPC;
        return 1;
    }
    written += n;
    return 0;
}

static int refuse_sync(int fd) {
    const char* budget = getenv("COOPDEC_FAULT_BUDGET");
    if (budget && *budget && watched(fd) && written >= strtoull(budget, NULL, 10)) {
        errno = ENOSPC;
        return 1;
    }
    return 0;
}

/* The real function, found once (dlsym's object pointer stored the POSIX way). */
#define NEXT(name)                    \
    static __typeof__(&name) next_fn; \
    if (!next_fn) *(void**)&next_fn = dlsym(RTLD_NEXT, #name)

ssize_t write(int fd, const void* buf, size_t n) {
    if (refuse(fd, n)) return -1;
    NEXT(write);
    return next_fn(fd, buf, n);
}

ssize_t pwrite(int fd, const void* buf, size_t n, off_t offset) {
    if (refuse(fd, n)) return -1;
    NEXT(pwrite);
    return next_fn(fd, buf, n, offset);
}

ssize_t pwrite64(int fd, const void* buf, size_t n, off64_t offset) {
    if (refuse(fd, n)) return -1;
    NEXT(pwrite64);
    return next_fn(fd, buf, n, offset);
}

ssize_t writev(int fd, const struct iovec* iov, int count) {
    size_t n = 0;
    for (int i = 0; i < count; ++i) n += iov[i].iov_len;
    if (refuse(fd, n)) return -1;
    NEXT(writev);
    return next_fn(fd, iov, count);
}

int fsync(int fd) {
    if (refuse_sync(fd)) return -1;
    NEXT(fsync);
    return next_fn(fd);
}

int fdatasync(int fd) {
    if (refuse_sync(fd)) return -1;
    NEXT(fdatasync);
    return next_fn(fd);
}

/* The VmHWM line of /proc/self/status, in kB (0 if not found). */
static unsigned long peak_kb(void) {
    FILE* f = fopen("/proc/self/status", "r");
    if (!f) return 0;
    char line[256];
    unsigned long kb = 0;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "VmHWM:", 6) == 0) kb = strtoul(line + 6, NULL, 10);
    fclose(f);
    return kb;
}

__attribute__((destructor)) static void report(void) {
    const char* count = getenv("COOPDEC_FAULT_COUNT");
    if (count && *count) {
        FILE* f = fopen(count, "w");
        if (f) {
            fprintf(f, "%llu\n", written);
            fclose(f);
        }
    }
    const char* peak = getenv("COOPDEC_FAULT_PEAK");
    if (peak && *peak) {
        unsigned long kb = peak_kb();
        FILE* f = fopen(peak, "w");
        if (f) {
            fprintf(f, "%lu\n", kb);
            fclose(f);
        }
    }
}
