#include <cstdlib>
#include <iostream>

#include "matrix.hpp"

int main(int argc, char **argv) {
    unsigned n = argc > 1 ? static_cast<unsigned>(std::strtoul(argv[1], nullptr, 10)) : 50;
    std::cout << "fib(" << n << ") = " << fibonacci(n) << '\n';
    std::cout << "square: " << describe(multiply({{{1, 2}, {3, 4}}}, {{{1, 2}, {3, 4}}})) << '\n';
    return 0;
}
