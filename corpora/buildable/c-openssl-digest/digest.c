/* Print SHA-256 digests of its arguments using OpenSSL's EVP interface. */
#include <openssl/evp.h>
#include <openssl/opensslv.h>
#include <stdio.h>
#include <string.h>

static int print_digest(const char *text) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (!EVP_Digest(text, strlen(text), md, &len, EVP_sha256(), NULL)) {
        return -1;
    }
    for (unsigned int i = 0; i < len; i++) printf("%02x", md[i]);
    printf("  %s\n", text);
    return 0;
}

int main(int argc, char **argv) {
    printf("%s\n", OpenSSL_version(OPENSSL_VERSION));
    for (int i = 1; i < argc; i++) {
        if (print_digest(argv[i]) != 0) return 1;
    }
    return 0;
}
