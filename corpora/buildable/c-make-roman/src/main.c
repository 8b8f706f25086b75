#include <stdio.h>
#include <stdlib.h>

#include "roman.h"

int main(int argc, char **argv) {
    char buffer[32];
    int status = 0;
    for (int i = 1; i < argc; i++) {
        int n = atoi(argv[i]);
        if (to_roman(n, buffer, sizeof buffer) != 0) {
            fprintf(stderr, "roman: %s is out of range\n", argv[i]);
            status = 1;
            continue;
        }
        printf("%d = %s\n", n, buffer);
    }
    return status;
}
