// A downstream program: uses techconv the way an embedding tool would, and
// prints "techconv <version> via <kind>: ok" only if the results are right.
#include <techconv/techconv.hpp>
#include <techconv/io.hpp>

#include <cstdio>
#include <sstream>

int main() {
    std::istringstream in("id,count\nA,3\nB,4\n");
    techconv::io::csv_reader r(in, "<consumer>");
    const auto col = r.require_column("count");
    long long sum = 0;
    while (r.next()) {
        std::int64_t v = 0;
        if (r.int_field(col, v)) sum += v;
    }
    if (sum != 7) return 1;
    std::printf("techconv %s via %s: ok\n", std::string(techconv::version()).c_str(), CONSUMER_KIND);
    return 0;
}
