// What this machine allows a word2vec binary load at best, without a JVM: benchmarks/vectors/run.sh
// builds it when a C compiler is there and runs it beside torch4j and gensim, so that the ratio to
// gensim that torch4j can reach is measured on the machine of the run.
//
//   native_bound touch FILE ROWS DIM   page faults alone: one byte written per 4 KiB page of a fresh
//                                      ROWS x DIM float32 region, on one thread
//   native_bound load FILE ROWS DIM    torch4j's design in C: the file read in 1 MiB pieces, each row's
//                                      word hashed into a table, its floats copied into fresh memory,
//                                      while a second thread faults that memory in from its end
//
// Both print "load_s=<seconds> rows=<n> dim=<d> check=<sum of the first row>", as VectorLoadBenchmark
// does. The parse assumes a well-formed file (it is the bound, not a reader): no error checks.
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define PIECE (1 << 20)

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static char *target;
static size_t target_bytes;
static volatile size_t copied; // bytes of the target written so far, from its start

// Faults the target's pages in from its end until it meets the copier, as RowSink.Prefault does.
static void *prefault(void *unused) {
    (void)unused;
    for (size_t p = (target_bytes - 1) & ~(size_t)4095; p > copied + PIECE; p -= 4096) {
        __atomic_fetch_add((int *)(target + p), 0, __ATOMIC_RELAXED);
    }
    return NULL;
}

// The word table: open addressing over row numbers (plus one, 0 is empty); the words themselves go
// into one arena, as torch4j's WordTable keeps them in pages. Words of the synthetic files are short.
static uint32_t *slots;
static size_t slot_mask;
static char *arena;
static size_t arena_used;

static void add_word(const char *w, size_t len, uint32_t row) {
    uint64_t h = 1469598103934665603ULL;
    for (size_t k = 0; k < len; k++) {
        h = (h ^ (unsigned char)w[k]) * 1099511628211ULL;
    }
    memcpy(arena + arena_used, w, len);
    arena[arena_used + len] = 0;
    arena_used += len + 1;
    for (size_t s = h & slot_mask;; s = (s + 1) & slot_mask) {
        if (slots[s] == 0) {
            slots[s] = row + 1;
            return;
        }
    }
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: native_bound touch|load FILE ROWS DIM\n");
        return 2;
    }
    long rows = atol(argv[3]), dim = atol(argv[4]);
    size_t row_bytes = 4 * (size_t)dim;
    double start = now();
    target_bytes = rows * row_bytes;
    target = malloc(target_bytes);
    if (strcmp(argv[1], "touch") == 0) {
        for (size_t p = 0; p < target_bytes; p += 4096) {
            target[p] = 0;
        }
        printf("load_s=%.3f rows=%ld dim=%ld check=0\n", now() - start, rows, dim);
        return 0;
    }
    int fd = open(argv[2], O_RDONLY);
    if (fd < 0 || target == NULL) {
        perror(argv[2]);
        return 1;
    }
    size_t slot_count = 1;
    while (slot_count < 2 * (size_t)rows) {
        slot_count <<= 1;
    }
    slots = calloc(slot_count, sizeof *slots);
    slot_mask = slot_count - 1;
    arena = malloc(64 * (size_t)rows + 4096);
    pthread_t faulter;
    pthread_create(&faulter, NULL, prefault, NULL);

    // buf holds [carried bytes][a fresh piece]; a row is parsed once its word and floats are in it
    char *buf = malloc(2 * PIECE + row_bytes);
    size_t have = 0, at = 0;
    int header = 1;
    long row = 0;
    for (;;) {
        memmove(buf, buf + at, have - at);
        have -= at;
        at = 0;
        ssize_t n = read(fd, buf + have, PIECE);
        if (n <= 0) {
            break;
        }
        have += n;
        if (header) {
            while (buf[at] != '\n') {
                at++;
            }
            at++;
            header = 0;
        }
        while (row < rows) {
            size_t p = at;
            while (p < have && (buf[p] == '\n' || buf[p] == '\r')) {
                p++;
            }
            size_t word = p;
            while (p < have && buf[p] != ' ') {
                p++;
            }
            if (p + 1 + row_bytes > have) {
                break; // the row continues in the next piece
            }
            add_word(buf + word, p - word, (uint32_t)row);
            memcpy(target + row * row_bytes, buf + p + 1, row_bytes);
            at = p + 1 + row_bytes;
            row++;
            if ((row & 255) == 0) {
                copied = row * row_bytes;
            }
        }
    }
    copied = target_bytes;
    pthread_join(faulter, NULL);
    double check = 0;
    for (long k = 0; k < dim; k++) {
        check += ((float *)target)[k];
    }
    printf("load_s=%.3f rows=%ld dim=%ld check=%.6f\n", now() - start, row, dim, check);
    return 0;
}
