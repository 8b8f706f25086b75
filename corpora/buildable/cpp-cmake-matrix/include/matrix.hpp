#pragma once

#include <array>
#include <string>

using Matrix2 = std::array<std::array<long long, 2>, 2>;

Matrix2 multiply(const Matrix2 &a, const Matrix2 &b);
long long fibonacci(unsigned n);
std::string describe(const Matrix2 &m);
