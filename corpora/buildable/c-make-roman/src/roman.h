#ifndef ROMAN_H
#define ROMAN_H

#include <stddef.h>

int to_roman(int number, char *out, size_t size);

#endif
