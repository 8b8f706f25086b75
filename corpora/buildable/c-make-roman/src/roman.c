#include "roman.h"

#include <string.h>

static const struct { int value; const char *digits; } TABLE[] = {
    {1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"},
    {50, "L"},   {40, "XL"},  {10, "X"},  {9, "IX"},   {5, "V"},   {4, "IV"}, {1, "I"},
};

int to_roman(int number, char *out, size_t size) {
    if (number <= 0 || number >= 4000) {
        return -1;
    }
    out[0] = '\0';
    for (size_t i = 0; i < sizeof TABLE / sizeof TABLE[0]; i++) {
        while (number >= TABLE[i].value) {
            if (strlen(out) + strlen(TABLE[i].digits) + 1 > size) {
                return -1;
            }
            strcat(out, TABLE[i].digits);
            number -= TABLE[i].value;
        }
    }
    return 0;
}
