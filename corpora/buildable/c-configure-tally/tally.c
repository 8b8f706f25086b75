/* Count the words of its arguments that are not stop words. */
#include <stdio.h>
#include <string.h>

#include "config.h"

#define MAX_STOP 64

static char stop[MAX_STOP][32];
static int n_stop;

static int load_stopwords(const char *path) {
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        perror(path);
        return -1;
    }
    while (n_stop < MAX_STOP && fscanf(f, "%31s", stop[n_stop]) == 1) {
        n_stop++;
    }
    fclose(f);
    return 0;
}

static int is_stop(const char *word) {
    for (int i = 0; i < n_stop; i++) {
        if (strcmp(stop[i], word) == 0) return 1;
    }
    return 0;
}

int main(int argc, char **argv) {
    if (load_stopwords(DATADIR "/stopwords.txt") != 0) return 1;
    int kept = 0;
    for (int i = 1; i < argc; i++) {
        if (!is_stop(argv[i])) kept++;
    }
    printf("tally: %d of %d words kept (%d stop words loaded)\n", kept, argc - 1, n_stop);
    return 0;
}
