/*
 * clock-shift: an LD_PRELOAD shim that shifts only the wall clock of the process it is loaded into.
 *
 * clock_gettime(CLOCK_REALTIME / CLOCK_REALTIME_COARSE), gettimeofday() and time() return the real
 * time plus an offset in milliseconds (signed, decimal text) read from the file named by the
 * environment variable CLOCK_SHIFT_FILE; every other clock (CLOCK_MONOTONIC, ...) is untouched.
 * The file is re-read at most every 2 ms of CLOCK_MONOTONIC, so a writer that replaces it (write a
 * temporary file, then rename) steps the clock of the running process within about 2 ms. A missing
 * or unreadable file keeps the last offset (0 until one is read).
 *
 * Why not libfaketime: with it preloaded Debian's redis-server (system jemalloc) does not start
 * ("Unexpected recursive calls to clock_gettime()"). Here the real clock_gettime is looked up once
 * in a constructor; any call before that (or during dlsym, which may allocate) goes straight to the
 * kernel with a raw syscall, so nothing can recurse.
 *
 *   gcc -O2 -shared -fPIC -o clock-shift.so clock-shift.c -ldl
 *   echo 10000 > /tmp/shift; CLOCK_SHIFT_FILE=/tmp/shift LD_PRELOAD=$PWD/clock-shift.so redis-server
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

typedef int (*clock_gettime_fn)(clockid_t, struct timespec *);

static _Atomic(clock_gettime_fn) real_clock_gettime;
static _Atomic long long offset_ns;
static _Atomic long long next_read_ns = 0;   /* CLOCK_MONOTONIC time of the next look at the file */

static int raw_clock_gettime(clockid_t clock, struct timespec *ts) {
    return (int) syscall(SYS_clock_gettime, clock, ts);
}

__attribute__((constructor)) static void resolve(void) {
    clock_gettime_fn next = (clock_gettime_fn) dlsym(RTLD_NEXT, "clock_gettime");
    if (next != NULL) {
        atomic_store(&real_clock_gettime, next);
    }
}

static int unshifted(clockid_t clock, struct timespec *ts) {
    clock_gettime_fn next = atomic_load(&real_clock_gettime);
    return next != NULL ? next(clock, ts) : raw_clock_gettime(clock, ts);
}

/* Parses "[+-]digits" milliseconds; returns 0 and sets *ns on success. */
static int parse_millis(const char *text, long len, long long *ns) {
    long i = 0;
    int negative = 0;
    long long millis = 0;
    while (i < len && (text[i] == ' ' || text[i] == '\t')) i++;
    if (i < len && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
    if (i >= len || text[i] < '0' || text[i] > '9') return -1;
    while (i < len && text[i] >= '0' && text[i] <= '9') millis = millis * 10 + (text[i++] - '0');
    *ns = (negative ? -millis : millis) * 1000000LL;
    return 0;
}

static long long current_offset_ns(void) {
    struct timespec mono;
    if (unshifted(CLOCK_MONOTONIC, &mono) == 0) {
        long long now = mono.tv_sec * 1000000000LL + mono.tv_nsec;
        long long due = atomic_load(&next_read_ns);
        /* one thread reads the file when due; the others keep the offset they have */
        if (now >= due && atomic_compare_exchange_strong(&next_read_ns, &due, now + 2000000LL)) {
            const char *path = getenv("CLOCK_SHIFT_FILE");
            int fd = path != NULL ? open(path, O_RDONLY | O_CLOEXEC) : -1;
            if (fd >= 0) {
                char text[32];
                long len = read(fd, text, sizeof text);
                long long ns;
                if (len > 0 && parse_millis(text, len, &ns) == 0) {
                    atomic_store(&offset_ns, ns);
                }
                close(fd);
            }
        }
    }
    return atomic_load(&offset_ns);
}

static void shift(struct timespec *ts, long long ns) {
    long long total = ts->tv_sec * 1000000000LL + ts->tv_nsec + ns;
    ts->tv_sec = total / 1000000000LL;
    ts->tv_nsec = total % 1000000000LL;
    if (ts->tv_nsec < 0) {
        ts->tv_nsec += 1000000000LL;
        ts->tv_sec -= 1;
    }
}

int clock_gettime(clockid_t clock, struct timespec *ts) {
    int rc = unshifted(clock, ts);
    if (rc == 0 && (clock == CLOCK_REALTIME || clock == CLOCK_REALTIME_COARSE)) {
        shift(ts, current_offset_ns());
    }
    return rc;
}

int gettimeofday(struct timeval *restrict tv, void *restrict tz) {   /* glibc: tv is nonnull */
    struct timespec ts;
    if (tz != NULL) {
        struct timezone *zone = tz;
        zone->tz_minuteswest = 0;
        zone->tz_dsttime = 0;
    }
    int rc = clock_gettime(CLOCK_REALTIME, &ts);
    if (rc == 0) {
        tv->tv_sec = ts.tv_sec;
        tv->tv_usec = ts.tv_nsec / 1000;
    }
    return rc;
}

time_t time(time_t *out) {
    struct timespec ts;
    time_t now = clock_gettime(CLOCK_REALTIME, &ts) == 0 ? ts.tv_sec : (time_t) -1;
    if (out != NULL) {
        *out = now;
    }
    return now;
}
