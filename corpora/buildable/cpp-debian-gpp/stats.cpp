// Mean, median and standard deviation of the numbers given as arguments.
#include <algorithm>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <numeric>
#include <string>
#include <vector>

int main(int argc, char **argv) {
    std::vector<double> xs;
    for (int i = 1; i < argc; ++i) xs.push_back(std::stod(argv[i]));
    if (xs.empty()) xs = {2, 4, 4, 4, 5, 5, 7, 9};

    std::sort(xs.begin(), xs.end());
    const double n = static_cast<double>(xs.size());
    const double mean = std::accumulate(xs.begin(), xs.end(), 0.0) / n;
    const double median = xs.size() % 2 ? xs[xs.size() / 2]
                                        : (xs[xs.size() / 2 - 1] + xs[xs.size() / 2]) / 2;
    double squares = 0;
    for (double x : xs) squares += (x - mean) * (x - mean);

    std::cout << std::fixed << std::setprecision(2) << "n=" << xs.size() << " mean=" << mean
              << " median=" << median << " stddev=" << std::sqrt(squares / n) << '\n';
}
