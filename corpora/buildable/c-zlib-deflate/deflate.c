#include <stdio.h>
#include <string.h>
#include <zlib.h>

int main(int argc, char **argv) {
    const char *text = argc > 1 ? argv[1]
        : "aaaaaaaaaabbbbbbbbbbaaaaaaaaaabbbbbbbbbbaaaaaaaaaabbbbbbbbbb";
    unsigned char packed[1024];
    uLongf packed_len = sizeof packed;
    if (compress2(packed, &packed_len, (const Bytef *)text, strlen(text), 9) != Z_OK) {
        fputs("deflate: compression failed\n", stderr);
        return 1;
    }
    printf("zlib %s: %zu bytes -> %lu bytes\n", zlibVersion(), strlen(text),
           (unsigned long)packed_len);
    return 0;
}
