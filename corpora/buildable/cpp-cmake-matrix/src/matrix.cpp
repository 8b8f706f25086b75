#include "matrix.hpp"

#include <sstream>

Matrix2 multiply(const Matrix2 &a, const Matrix2 &b) {
    Matrix2 out{};
    for (int i = 0; i < 2; ++i)
        for (int j = 0; j < 2; ++j)
            for (int k = 0; k < 2; ++k) out[i][j] += a[i][k] * b[k][j];
    return out;
}

long long fibonacci(unsigned n) {
    Matrix2 result{{{1, 0}, {0, 1}}};
    Matrix2 base{{{1, 1}, {1, 0}}};
    while (n > 0) {
        if (n & 1U) result = multiply(result, base);
        base = multiply(base, base);
        n >>= 1U;
    }
    return result[0][1];
}

std::string describe(const Matrix2 &m) {
    std::ostringstream out;
    out << "[[" << m[0][0] << ", " << m[0][1] << "], [" << m[1][0] << ", " << m[1][1] << "]]";
    return out.str();
}
