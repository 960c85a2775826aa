// Record counting shared by the fuzz targets of the JSON patent readers (PatentsView API,
// Lens patent JSON): how many records a text holds by the rule those readers follow, counted
// with the library's JSON parser independently of the readers. Every top-level value is a
// record (an object), an array of records, or a page: an object whose member `list` is the
// array of records (the first such member; the page's other members are passed over).
#ifndef TECHCONV_TESTS_FUZZ_JSON_COUNTS_HPP_
#define TECHCONV_TESTS_FUZZ_JSON_COUNTS_HPP_

#include <cstddef>      // std::size_t
#include <string>       // std::string
#include <string_view>  // std::string_view

#include <techconv/error.hpp>
#include <techconv/format/json_reader.hpp>

namespace techconv_fuzz {

/// The objects of the array the parser just opened (other elements passed over).
inline std::size_t objects_in_array(techconv::io::json_pull& p) {
    namespace io = techconv::io;
    std::size_t n = 0;
    for (;;) {
        const auto t = p.next();
        if (t == io::json_token::end_array) return n;
        if (t == io::json_token::begin_object) ++n;
        if (t == io::json_token::begin_object || t == io::json_token::begin_array) {
            const std::size_t d = p.depth();
            while (p.depth() >= d) p.next();
        }
    }
}

/// The records in `text` (pages listing them in member `list`); -1 when it is not JSON or a
/// page's `list` is no array (the readers fail on both).
inline long count_json_records(const std::string& text, std::string_view list) {
    namespace io = techconv::io;
    io::json_pull p(text, "count.json");
    long n = 0;
    try {
        while (p.next_value()) {
            const auto t = p.next();
            if (t == io::json_token::begin_array) {
                n += static_cast<long>(objects_in_array(p));
            } else if (t == io::json_token::begin_object) {
                bool page = false;
                while (p.next() == io::json_token::key) {
                    if (!page && p.text() == list) {
                        if (p.next() != io::json_token::begin_array) return -1;
                        n += static_cast<long>(objects_in_array(p));
                        page = true;
                    } else {
                        p.skip();
                    }
                }
                if (!page) ++n;
            }
            while (p.next() != io::json_token::end) {
            }
        }
    } catch (const techconv::parse_error&) {
        return -1;
    }
    return n;
}

}  // namespace techconv_fuzz

#endif  // TECHCONV_TESTS_FUZZ_JSON_COUNTS_HPP_
