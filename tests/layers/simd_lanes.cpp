// Prints the result of every operation of techconv/detail/simd.hpp on inputs read at run time
// (so that the compiler cannot fold them), as hexadecimal bits. tests/layers/CMakeLists.txt
// builds it twice, with AVX2 + FMA (the intrinsics) and without SSE2 or AVX (the lane-wise
// fallbacks); simd_lanes.cmake runs both and fails if one line differs. The expected values
// are therefore the processor's own instructions, the independent implementation.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>

#include "techconv/detail/simd.hpp"

namespace s = techconv::detail::simd;

namespace {

volatile double src[12] = {1.5, -2.25, 3e300, 0.0, 2.0, -2.25, 1e-300, -0.0,
                           -3.7, 2147483648.0, 7.0, std::numeric_limits<double>::quiet_NaN()};
volatile char text[17] = "ab,c\"d\ne\rfghij,k";

void print(const char* what, s::d4 x) {
    double v[4];
    s::store4(v, x);
    std::printf("%s", what);
    for (double d : v) {
        std::uint64_t b = 0;
        std::memcpy(&b, &d, sizeof b);
        std::printf(" %016llx", static_cast<unsigned long long>(b));
    }
    std::printf("\n");
}

void print(const char* what, s::u32x4 x) {
    std::uint32_t v[4];
    s::store_u32(v, x);
    std::printf("%s %08x %08x %08x %08x\n", what, v[0], v[1], v[2], v[3]);
}

}  // namespace

int main() {
    double a[4], b[4], c[4];
    for (int i = 0; i < 4; ++i) {
        a[i] = src[i];
        b[i] = src[4 + i];
        c[i] = src[8 + i];
    }
    float f[4];
    for (int i = 0; i < 4; ++i) f[i] = static_cast<float>(a[i] / 3.0);
    char t[16];
    for (int i = 0; i < 16; ++i) t[i] = text[i];
    const s::d4 x = s::load4(a), y = s::load4(b), z = s::load4(c);
    print("load4(float)", s::load4(f));
    print("add", s::add(x, y));
    print("sub", s::sub(x, y));
    print("mul", s::mul(x, y));
    print("div", s::div(x, y));
    print("fmadd", s::fmadd(x, y, z));
    print("madd", s::madd(z, x, y));
    print("setr4", s::setr4(a[3], a[2], a[1], a[0]));
    print("cmp_eq", s::cmp_eq(x, y));
    print("and_bits", s::and_bits(s::cmp_eq(x, y), s::all_set4()));
    std::printf("movemask4 %x %x\n", s::movemask(s::cmp_eq(x, y)), s::movemask(y));
    s::d4 cols[4];
    s::transpose4(x, y, z, s::splat4(a[0]), cols);
    for (const s::d4& col : cols) print("transpose4", col);
    print("bits", s::from_bits(s::or_bits(s::shift_right<52>(s::bits(x)), s::splat_u64(0x4330000000000000ULL))));
    print("shift_left", s::from_bits(s::sub(s::add(s::bits(y), s::shift_left<52>(s::splat_u64(1))),
                                            s::splat_u64(3))));
    const s::u32x4 k = s::trunc_i32(z);
    print("trunc_i32", k);
    print("max_u32", s::max_u32(k, s::splat_u32(5)));
    std::uint32_t w[4];
    std::memcpy(w, a, sizeof w);  // the bits of a[0] and a[1]
    print("min_u32", s::min_u32(k, s::load_u32(w)));
    print("add_u32", s::add(k, s::splat_u32(0xFFFFFFFFu)));
    print("to_double", s::to_double(k));
    std::printf("trunc_i32(double) %d %d %d %d\n", s::trunc_i32(c[0]), s::trunc_i32(c[1]), s::trunc_i32(c[2]),
                s::trunc_i32(c[3]));
    double pair[2];
    s::store2(pair, s::unpacklo(s::load2(a), s::load2(b)));
    std::printf("unpacklo %a %a\n", pair[0], pair[1]);
    s::store2(pair, s::unpackhi(s::load2(a), s::load2(f + 2)));
    std::printf("unpackhi %a %a movemask2 %x\n", pair[0], pair[1], s::movemask(s::load2(b + 1)));
    const s::b16 v = s::load16(t);
    std::printf("bytes %x %x\n", s::movemask(s::or_bits(s::cmp_eq(v, s::splat16(',')), s::cmp_eq(v, s::splat16('\n')))),
                s::movemask(s::cmp_eq(v, s::splat16('\r'))));
    std::printf("lowest_bit %u %u\n", s::lowest_bit(0x50u), s::lowest_bit(std::uint64_t{1} << 40));
    return 0;
}
