// SPDX-License-Identifier: BSL-1.0
//
// The IPC/CPC classification symbol as an 8-byte value type, its parser for
// every spelling seen in real patent data, canonical formatting, and list
// parsing with error collection.
#ifndef TECHCONV_CLASSIFICATION_IPC_HPP_
#define TECHCONV_CLASSIFICATION_IPC_HPP_

#include <cstddef>      // std::size_t
#include <cstdint>      // std::uint8_t, std::uint32_t, std::uint64_t
#include <functional>   // std::hash
#include <optional>     // std::optional
#include <string>       // std::string
#include <string_view>  // std::string_view
#include <type_traits>  // std::is_trivially_copyable_v
#include <vector>       // std::vector

#include "techconv/classification/detail/ipc_grammar.hpp"
#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/vocabulary.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace classification {

namespace detail {
/// Throws invalid_argument (kept out of line of the constexpr paths).
[[noreturn]] inline void invalid(const char* message) {
    ::techconv::detail::throw_error<::techconv::invalid_argument>(std::string(message));
}
}  // namespace detail

/// \brief Hierarchy levels of an IPC/CPC symbol, from the coarsest.
///
/// For `G06T 7/246`: section `G`, class `G06`, subclass `G06T`, main group
/// `G06T 7/00`, subgroup `G06T 7/246`. The numeric values are stable.
enum class ipc_level : std::uint8_t {
    section = 0,     ///< one letter, A-H (IPC) or Y (CPC only)
    class_ = 1,      ///< section + two digits, e.g. G06
    subclass = 2,    ///< class + one letter, e.g. G06T
    main_group = 3,  ///< subclass + 1-4 digit group, subgroup "00", e.g. G06T 7/00
    subgroup = 4,    ///< main group + 2-6 digit subgroup other than "00", e.g. G06T 7/246
};

/// \brief The names of the levels, coarsest first (to_string, ipc_level_from_string).
inline constexpr named<ipc_level> ipc_level_names[] = {{ipc_level::section, "section"},
                                                       {ipc_level::class_, "class"},
                                                       {ipc_level::subclass, "subclass"},
                                                       {ipc_level::main_group, "main_group"},
                                                       {ipc_level::subgroup, "subgroup"}};

/// \brief Short stable name of a level ("section", "class", "subclass", "main_group", "subgroup").
constexpr std::string_view to_string(ipc_level l) noexcept { return name_of(l, ipc_level_names, "unknown"); }

/// \brief The level named `name` (a name of to_string(); '-' for '_' accepted, as "main-group").
/// \throws invalid_argument for any other name, listing the accepted ones.
inline ipc_level ipc_level_from_string(std::string_view name) { return from_name(name, ipc_level_names, "IPC level"); }

/// \brief Text forms of a symbol, for ipc_code::to_string and to_chars.
///
/// Codes above main-group level print as their prefix (`G`, `G06`, `G06T`)
/// in every form.
enum class ipc_format : std::uint8_t {
    canonical,  ///< "G06T 7/00": subclass, one space, group, slash, subgroup (WIPO display form)
    compact,    ///< "G06T7/00": no space (Lens, CPC title lists)
    padded,     ///< "G06T   7/00": main group right-aligned in 4 columns (WIPO concordance, EPO)
    wipo14,     ///< "G06T0007000000": 4 + 4 zero-padded group digits + 6 subgroup digits
};

/// \brief Why a text is not an IPC/CPC symbol (see ipc_from_chars).
enum class ipc_errc : std::uint8_t {
    ok = 0,
    empty,           ///< nothing but blanks
    bad_section,     ///< first letter is not A-H or Y
    bad_class,       ///< the section is not followed by two digits
    bad_subclass,    ///< the class is not followed by a letter
    bad_main_group,  ///< group digits missing, longer than 4, zero, or no '/' after them
    bad_subgroup,    ///< the '/' is not followed by 2-6 digits
    trailing_text,   ///< something other than blanks or a version indicator follows the symbol
};

/// \brief Short stable name of an ipc_errc ("bad_subgroup", ...).
constexpr std::string_view to_string(ipc_errc e) noexcept {
    switch (e) {
        case ipc_errc::ok:
            return "ok";
        case ipc_errc::empty:
            return "empty";
        case ipc_errc::bad_section:
            return "bad_section";
        case ipc_errc::bad_class:
            return "bad_class";
        case ipc_errc::bad_subclass:
            return "bad_subclass";
        case ipc_errc::bad_main_group:
            return "bad_main_group";
        case ipc_errc::bad_subgroup:
            return "bad_subgroup";
        case ipc_errc::trailing_text:
            return "trailing_text";
    }
    return "unknown";
}

/// \brief An IPC or CPC classification symbol, possibly incomplete, packed
/// in 8 bytes.
///
/// A code holds a section (A-H, or Y for CPC), and optionally a class
/// (2 digits), a subclass (letter), a main group (1-4 digits, 1-9999, which
/// covers the CPC 2000-series indexing groups such as `A61K 2300/00`) and a
/// subgroup (2-6 digits). The subgroup is stored as a decimal fraction: `/02`,
/// `/020` and `/0200` are the same subgroup (as in the 14-character WIPO
/// form) and print as `/02`.
///
/// Order: the integer order of the packed value is the canonical symbol
/// order of the IPC/CPC schemes: section letter, class number, subclass
/// letter, main group number, subgroup as a decimal fraction (`7/00` <
/// `7/002` < `7/02` < `7/246` < `7/30`), and a prefix before everything it
/// contains (`G06T` < `G06T 1/00`). A default-constructed code is empty and
/// sorts first.
///
/// Trivially copyable, hashable (std::hash), usable as a map key; the packed
/// form (bits()) is stable within a major version and may be stored.
/// A version indicator such as "(2006.01)" is accepted by the parser and not
/// stored.
///
/// \code
/// using namespace techconv::classification;
/// const ipc_code c = parse_ipc("H04N5/232");
/// c.to_string();                        // "H04N 5/232"
/// c.truncate(ipc_level::subclass);      // H04N
/// c.main_group();                       // 5
/// \endcode
/// Since: 0.1.
class ipc_code {
public:
    /// Longest text any format produces ("G06T 9999/999999").
    static constexpr std::size_t max_text_size = 16;

    /// The empty code (no section); empty() is true.
    constexpr ipc_code() noexcept = default;

    /// \brief Builds a code from its components, checking each.
    /// \param level how deep the code is; components below it are ignored.
    /// \param section 'A'-'H' or 'Y' (either case).
    /// \param class_number 1-99 (for level >= class_).
    /// \param subclass a letter (for level >= subclass).
    /// \param main_group 1-9999 (for level >= main_group).
    /// \param subgroup six-digit fraction 1-999999, e.g. 232000 for "/232"
    ///        (for level == subgroup; a main group has subgroup 0).
    /// \throws invalid_argument when a component is out of range.
    /// Complexity: O(1).
    static constexpr ipc_code from_fields(ipc_level level, char section, unsigned class_number = 0,
                                          char subclass = '\0', unsigned main_group = 0,
                                          std::uint32_t subgroup = 0) {
        using namespace detail;
        const auto l = static_cast<unsigned>(level);
        if (!(l <= 4)) detail::invalid("ipc_code: unknown level");
        if (!(is_section_letter(section))) detail::invalid("ipc_code: section must be A-H or Y");
        std::uint64_t b = letter_index(section) << section_shift;
        if (l >= 1) {
            if (!(class_number >= 1 && class_number <= 99))
                detail::invalid("ipc_code: class must be 1-99");
            b |= std::uint64_t{class_number} << class_shift;
        }
        if (l >= 2) {
            if (!(is_letter(subclass))) detail::invalid("ipc_code: subclass must be a letter");
            b |= letter_index(subclass) << subclass_shift;
        }
        if (l >= 3) {
            if (!(main_group >= 1 && main_group <= max_main_group))
                detail::invalid("ipc_code: main group must be 1-9999");
            b |= std::uint64_t{main_group} << main_group_shift;
        }
        if (l >= 4) {
            if (!(subgroup >= 1 && subgroup <= max_subgroup))
                detail::invalid("ipc_code: subgroup must be 1-999999 (six-digit fraction)");
            b |= std::uint64_t{subgroup} << subgroup_shift;
        }
        return ipc_code(b | l);
    }

    /// \brief The code whose packed form is `bits` (see bits()).
    /// \throws invalid_argument when `bits` is not the packed form of a valid code.
    static constexpr ipc_code from_bits(std::uint64_t bits) {
        const ipc_code c(bits);
        if (!(bits == 0 || c.well_formed())) detail::invalid("ipc_code: invalid packed value");
        return c;
    }

    /// \brief The code whose packed form is `bits`, without validation.
    /// \pre `bits` is 0 or came from bits() of a valid code.
    static constexpr ipc_code from_bits_unchecked(std::uint64_t bits) noexcept {
        return ipc_code(bits);
    }

    /// The packed 64-bit form (0 for the empty code); its integer order is the code order.
    constexpr std::uint64_t bits() const noexcept { return bits_; }
    /// True for the default-constructed code.
    constexpr bool empty() const noexcept { return bits_ == 0; }
    /// True unless empty.
    constexpr explicit operator bool() const noexcept { return bits_ != 0; }

    /// Deepest level present. \pre !empty() (an empty code reports section).
    constexpr ipc_level level() const noexcept {
        return static_cast<ipc_level>(bits_ & detail::level_mask);
    }
    /// True when the code reaches level `l` (e.g. a subgroup has every level).
    constexpr bool has(ipc_level l) const noexcept { return !empty() && level() >= l; }

    /// Section letter 'A'-'H' or 'Y'; '\\0' when empty.
    constexpr char section() const noexcept {
        const auto v = (bits_ >> detail::section_shift) & detail::section_mask;
        return v == 0 ? '\0' : static_cast<char>('A' + static_cast<int>(v) - 1);
    }
    /// Class number 1-99 (6 for G06); 0 above class level.
    constexpr unsigned class_number() const noexcept {
        return static_cast<unsigned>((bits_ >> detail::class_shift) & detail::class_mask);
    }
    /// Subclass letter ('T' for G06T); '\\0' above subclass level.
    constexpr char subclass() const noexcept {
        const auto v = (bits_ >> detail::subclass_shift) & detail::subclass_mask;
        return v == 0 ? '\0' : static_cast<char>('A' + static_cast<int>(v) - 1);
    }
    /// Main group number 1-9999 (7 for G06T 7/246); 0 above main-group level.
    constexpr unsigned main_group() const noexcept {
        return static_cast<unsigned>((bits_ >> detail::main_group_shift) & detail::main_group_mask);
    }
    /// Subgroup as a six-digit decimal fraction: "/246" is 246000, "/02" is
    /// 20000, "/00" (a main group) is 0.
    constexpr std::uint32_t subgroup() const noexcept {
        return static_cast<std::uint32_t>((bits_ >> detail::subgroup_shift) &
                                          detail::subgroup_mask);
    }
    /// \brief True for CPC 2000-series indexing groups (main group >= 2000,
    /// e.g. `A61K 2300/00`, `F05D 2220/60`).
    constexpr bool is_indexing_group() const noexcept { return main_group() >= 2000; }

    /// \brief The ancestor of this code at level `l` (the code itself when
    /// `l == level()`). Main group truncation keeps the group with subgroup "00".
    /// \throws invalid_argument when `l` is deeper than level() or the code is empty.
    /// Complexity: O(1).
    constexpr ipc_code truncate(ipc_level l) const {
        if (!(has(l))) detail::invalid("ipc_code::truncate: level deeper than the code");
        return truncate_unchecked(l);
    }
    /// \brief truncate() without the check; \pre has(l).
    constexpr ipc_code truncate_unchecked(ipc_level l) const noexcept {
        constexpr std::uint64_t keep[5] = {
            ~std::uint64_t{0} << detail::section_shift,
            ~std::uint64_t{0} << detail::class_shift,
            ~std::uint64_t{0} << detail::subclass_shift,
            ~std::uint64_t{0} << detail::main_group_shift,
            ~detail::level_mask,
        };
        const auto k = static_cast<unsigned>(l);
        return ipc_code((bits_ & keep[k]) | k);
    }
    /// \brief True when `other` lies in this code's subtree (or equals it):
    /// `G06T` contains `G06T 7/246`, `G06T 7/00` contains `G06T 7/246`.
    constexpr bool contains(ipc_code other) const noexcept {
        if (empty() || !other.has(level())) return false;
        if (level() == ipc_level::subgroup) return other == *this;
        return other.truncate_unchecked(level()) == *this;
    }

    /// \brief Writes the code in format `f` to `out`, which must have room for
    /// max_text_size chars; returns the end of the text (no NUL is written).
    /// An empty code writes nothing. Complexity: O(1).
    constexpr char* to_chars(char* out, ipc_format f = ipc_format::canonical) const noexcept {
        if (empty()) return out;
        *out++ = section();
        if (level() == ipc_level::section) return out;
        const unsigned c = class_number();
        *out++ = static_cast<char>('0' + c / 10);
        *out++ = static_cast<char>('0' + c % 10);
        if (level() == ipc_level::class_) return out;
        *out++ = subclass();
        if (level() == ipc_level::subclass) return out;
        const unsigned g = main_group();
        const std::uint32_t s = subgroup();
        if (f == ipc_format::wipo14) {
            for (std::uint32_t p = 1000; p != 0; p /= 10)
                *out++ = static_cast<char>('0' + g / p % 10);
            for (std::uint32_t p = 100000; p != 0; p /= 10)
                *out++ = static_cast<char>('0' + s / p % 10);
            return out;
        }
        const unsigned gd = g >= 1000 ? 4u : g >= 100 ? 3u : g >= 10 ? 2u : 1u;
        if (f == ipc_format::canonical) *out++ = ' ';
        if (f == ipc_format::padded)
            for (unsigned i = gd; i < 4; ++i) *out++ = ' ';
        for (std::uint32_t p = detail::pow10(gd - 1); p != 0; p /= 10)
            *out++ = static_cast<char>('0' + g / p % 10);
        *out++ = '/';
        unsigned sd = 6;  // significant subgroup digits, at least 2
        std::uint32_t t = s;
        while (sd > 2 && t % 10 == 0) {
            t /= 10;
            --sd;
        }
        for (std::uint32_t p = 100000, i = 0; i < sd; p /= 10, ++i)
            *out++ = static_cast<char>('0' + s / p % 10);
        return out;
    }
    /// \brief The code as text in format `f` ("" for the empty code).
    std::string to_string(ipc_format f = ipc_format::canonical) const {
        char buf[max_text_size];
        return std::string(buf, to_chars(buf, f));
    }

    friend constexpr bool operator==(ipc_code a, ipc_code b) noexcept { return a.bits_ == b.bits_; }
    friend constexpr bool operator!=(ipc_code a, ipc_code b) noexcept { return a.bits_ != b.bits_; }
    friend constexpr bool operator<(ipc_code a, ipc_code b) noexcept { return a.bits_ < b.bits_; }
    friend constexpr bool operator<=(ipc_code a, ipc_code b) noexcept { return a.bits_ <= b.bits_; }
    friend constexpr bool operator>(ipc_code a, ipc_code b) noexcept { return a.bits_ > b.bits_; }
    friend constexpr bool operator>=(ipc_code a, ipc_code b) noexcept { return a.bits_ >= b.bits_; }

private:
    constexpr explicit ipc_code(std::uint64_t b) noexcept : bits_(b) {}
    constexpr bool well_formed() const noexcept {
        using namespace detail;
        if ((bits_ >> 54) != 0) return false;
        const auto l = bits_ & level_mask;
        const auto sec = (bits_ >> section_shift) & section_mask;
        if (l > 4 || sec == 0 || !is_section_letter(static_cast<char>('A' + sec - 1))) return false;
        const auto cls = class_number();
        const auto sub = (bits_ >> subclass_shift) & subclass_mask;
        const auto g = main_group();
        const auto s = subgroup();
        if ((l >= 1) != (cls != 0) || cls > 99) return false;
        if ((l >= 2) != (sub != 0) || sub > 26) return false;
        if ((l >= 3) != (g != 0) || g > max_main_group) return false;
        if ((l >= 4) != (s != 0) || s > max_subgroup) return false;
        return true;
    }
    std::uint64_t bits_ = 0;
};

static_assert(sizeof(ipc_code) == 8, "ipc_code must stay 8 bytes");
static_assert(std::is_trivially_copyable_v<ipc_code>, "ipc_code must be trivially copyable");

/// \brief Outcome of ipc_from_chars: the code, or why and where parsing failed.
struct ipc_parse_result {
    ipc_code code;                  ///< the parsed code (empty on error)
    ipc_errc error = ipc_errc::ok;  ///< ok, or the reason
    std::size_t position = 0;       ///< 0-based byte offset of the offending character
    /// True when parsing succeeded.
    constexpr explicit operator bool() const noexcept { return error == ipc_errc::ok; }
};

/// \brief Parses one IPC/CPC symbol without throwing.
///
/// Accepted spellings (letters in either case; blanks are spaces, tabs, CR, LF):
///  - `G06T 7/00`, `G06T7/00`, `G06T   7/00`, `g06t 7 / 00`: subclass, optional
///    blanks, 1-4 digit main group (leading zeros allowed), optional blanks,
///    `/`, optional blanks, 2-6 digit subgroup;
///  - `G06T0007000000`: the 14-character WIPO/EPO form (4 group digits,
///    6 subgroup digits), and `G06T 0007000000`;
///  - `B64C-039/02`: the Derwent (DWPI) form, a `-` right after the subclass
///    and the main group zero-padded (any 1-4 digits are read as above);
///    `B64C-000/00` (group and subgroup zero) is Derwent's subclass `B64C`;
///  - prefixes `G`, `G06`, `G06T` (section, class, subclass level);
///  - any of the above followed by a version indicator `(2006.01)`,
///    `2006.01` or `20060101`; leading and trailing blanks.
///
/// Sections are A-H and Y (CPC). Main group 0 is rejected.
/// \returns the code, or the error and its byte offset.
/// Complexity: O(length of `text`); no allocation.
/// \sa parse_ipc, try_parse_ipc
constexpr ipc_parse_result ipc_from_chars(std::string_view text) noexcept {
    using namespace detail;
    using R = ipc_parse_result;
    const std::string_view s = text;
    std::size_t i = skip_blanks(s, 0);
    if (i == s.size()) return R{{}, ipc_errc::empty, i};
    if (!is_section_letter(s[i])) return R{{}, ipc_errc::bad_section, i};
    std::uint64_t b = letter_index(s[i]) << section_shift;
    ++i;
    auto finish = [&](std::size_t at, ipc_level l) -> R {
        const std::size_t e = scan_tail(s, at);
        if (e != s.size()) return R{{}, ipc_errc::trailing_text, e};
        return R{ipc_code::from_bits_unchecked(b | static_cast<std::uint64_t>(l)), ipc_errc::ok, 0};
    };
    auto at_tail = [&](std::size_t k) {
        k = skip_blanks(s, k);
        return k == s.size() || s[k] == '(';
    };
    if (at_tail(i)) return finish(i, ipc_level::section);
    if (i + 2 > s.size() || !is_digit(s[i]) || !is_digit(s[i + 1]))
        return R{{}, ipc_errc::bad_class, i};
    const std::uint32_t cls = digits_value(s, i, 2);
    if (cls == 0 || (i + 2 < s.size() && is_digit(s[i + 2]))) return R{{}, ipc_errc::bad_class, i};
    b |= std::uint64_t{cls} << class_shift;
    i += 2;
    if (at_tail(i)) return finish(i, ipc_level::class_);
    if (i == s.size() || !is_letter(s[i])) return R{{}, ipc_errc::bad_subclass, i};
    b |= letter_index(s[i]) << subclass_shift;
    ++i;
    if (at_tail(i)) return finish(i, ipc_level::subclass);
    // Derwent's form joins the subclass and a 3-digit zero-padded group by '-': B64C-039/02
    const bool dash = s[i] == '-';
    std::size_t j = dash ? i + 1 : skip_blanks(s, i);
    const std::size_t d = digit_run(s, j);
    std::uint32_t group = 0, sub = 0;
    if (d == 10) {  // 14-character form: 4 group digits, 6 subgroup digits
        const std::size_t after = j + 10;
        if (after < s.size() && !is_blank(s[after]) && s[after] != '(')
            return R{{}, ipc_errc::bad_main_group, j};
        group = digits_value(s, j, 4);
        sub = digits_value(s, j + 4, 6);
        j = after;
    } else {
        if (d == 0 || d > 4) return R{{}, ipc_errc::bad_main_group, j};
        group = digits_value(s, j, d);
        j = skip_blanks(s, j + d);
        if (j == s.size() || s[j] != '/') return R{{}, ipc_errc::bad_main_group, j};
        j = skip_blanks(s, j + 1);
        const std::size_t k = digit_run(s, j);
        if (k < 2 || k > 6) return R{{}, ipc_errc::bad_subgroup, j};
        sub = digits_value(s, j, k) * pow10(static_cast<unsigned>(6 - k));
        j += k;
    }
    // Derwent writes a subclass without a group as group 0: B64C-000/00 is B64C
    if (group == 0 && dash && sub == 0) return finish(j, ipc_level::subclass);
    if (group == 0) return R{{}, ipc_errc::bad_main_group, i};
    b |= std::uint64_t{group} << main_group_shift;
    b |= std::uint64_t{sub} << subgroup_shift;
    return finish(j, sub == 0 ? ipc_level::main_group : ipc_level::subgroup);
}

/// \brief Parses one symbol; std::nullopt when `text` is not a symbol.
/// Same grammar as ipc_from_chars. Complexity: O(length); no allocation.
constexpr std::optional<ipc_code> try_parse_ipc(std::string_view text) noexcept {
    const ipc_parse_result r = ipc_from_chars(text);
    if (!r) return std::nullopt;
    return r.code;
}

namespace detail {
inline std::string describe_bad_code(std::string_view text, const ipc_parse_result& r) {
    constexpr std::size_t max_quote = 80;
    std::string m = "invalid IPC/CPC code '";
    m.append(text.substr(0, max_quote));
    if (text.size() > max_quote) m += "...";
    m += "': ";
    m += to_string(r.error);
    m += " at character ";
    m += std::to_string(r.position + 1);
    return m;
}
}  // namespace detail

/// \brief Parses one symbol (grammar of ipc_from_chars) or throws.
/// \param text the symbol, e.g. "G06T 7/00 (2006.01)".
/// \param where location reported in the error (file, line, record, field).
/// \throws parse_error (error_code::bad_code) quoting `text` and naming the
///         reason and the 1-based character where parsing failed.
/// Complexity: O(length).
inline ipc_code parse_ipc(std::string_view text, const source_location& where) {
    const ipc_parse_result r = ipc_from_chars(text);
    if (TECHCONV_UNLIKELY(!r))
        ::techconv::detail::throw_error<parse_error>(error_code::bad_code, where,
                                                     detail::describe_bad_code(text, r));
    return r.code;
}
/// \brief Parses one symbol or throws parse_error with no file location.
inline ipc_code parse_ipc(std::string_view text) { return parse_ipc(text, source_location{}); }

/// \brief The flags EPO PATSTAT keeps beside an IPC symbol (table tls209_appln_ipc, columns
/// `ipc_class_level`, `ipc_position`, `ipc_value`), each '\0' when not given.
///
/// Values (PATSTAT Global data catalogue): level `A` (advanced) or `C` (core); position `F`
/// (the first, main classification) or `L` (a later one); value `I` (inventive) or `N`
/// (non-inventive, additional information). Letters are stored upper case.
struct patstat_ipc_flags {
    char level = '\0';     ///< `A`, `C` or '\0'
    char position = '\0';  ///< `F`, `L` or '\0'
    char value = '\0';     ///< `I`, `N` or '\0'
};

/// \brief Outcome of patstat_ipc_from_chars: the symbol's parse and the flags.
struct patstat_ipc_result {
    ipc_parse_result parse;   ///< the code, or the error and its offset in the whole text
    patstat_ipc_flags flags;  ///< the flags written after the version (none: all '\0')
    /// True when the text was read whole.
    constexpr explicit operator bool() const noexcept { return static_cast<bool>(parse); }
};

namespace detail {
// Reads the PATSTAT flag letters text[from, to): level, then position, then value, each
// optional, in that order. Returns the offset of the first letter that does not fit (`to`: all fit).
constexpr std::size_t patstat_flag_letters(std::string_view text, std::size_t from, std::size_t to,
                                           patstat_ipc_flags& f) noexcept {
    std::size_t k = from;
    if (k < to && (upper(text[k]) == 'A' || upper(text[k]) == 'C')) f.level = upper(text[k++]);
    if (k < to && (upper(text[k]) == 'F' || upper(text[k]) == 'L')) f.position = upper(text[k++]);
    if (k < to && (upper(text[k]) == 'I' || upper(text[k]) == 'N')) f.value = upper(text[k++]);
    return k;
}
}  // namespace detail

/// \brief Parses an IPC symbol as EPO PATSTAT writes it (`ipc_class_symbol` of
/// tls209_appln_ipc) without throwing: the padded symbol (`G06F  17/30`: subclass, the main
/// group right-aligned in four characters, `/`, the subgroup), or the concatenated form with
/// the version date and the flags (`G06F  17/30  20060101AFI`: version 2006-01-01, level `A`,
/// position `F`, value `I`).
///
/// Grammar: a symbol of ipc_from_chars (whose version indicator may be the 8-digit date),
/// and, right after an 8-digit version, up to three flag letters in the order level
/// (`A`/`C`), position (`F`/`L`), value (`I`/`N`), each optional; then blanks only. Flags
/// without the version before them, other letters or a wrong order are a trailing_text error
/// at the first letter that does not fit. This is the one place the PATSTAT form is read;
/// io::patstat_reader calls it.
/// \returns the parse (error offsets count in `text`) and the flags.
/// Complexity: O(length of `text`); no allocation.
/// \sa ipc_from_chars, patstat_ipc_flags
constexpr patstat_ipc_result patstat_ipc_from_chars(std::string_view text) noexcept {
    using namespace detail;
    patstat_ipc_result r;
    std::size_t end = text.size();
    while (end > 0 && is_blank(text[end - 1])) --end;
    std::size_t first = end;  // the letters at the end, after the last digit
    while (first > 0 && is_letter(text[first - 1])) --first;
    const bool version_before = first >= 8 && first < end && digit_run(text, first - 8) == 8 &&
                                (first == 8 || is_blank(text[first - 9]) || text[first - 9] == '(');
    if (!version_before) {
        r.parse = ipc_from_chars(text);
        return r;
    }
    const std::size_t stop = patstat_flag_letters(text, first, end, r.flags);
    if (stop != end) {
        r.flags = {};
        r.parse = ipc_parse_result{{}, ipc_errc::trailing_text, stop};
        return r;
    }
    r.parse = ipc_from_chars(text.substr(0, first));
    if (!r.parse) r.flags = {};
    return r;
}

/// \brief Parses a PATSTAT IPC symbol (grammar of patstat_ipc_from_chars) or throws.
/// \param where location reported in the error (file, line, record, field).
/// \throws parse_error (error_code::bad_code) quoting `text` and naming the reason and the
///         1-based character where parsing failed.
inline patstat_ipc_result parse_patstat_ipc(std::string_view text, const source_location& where) {
    const patstat_ipc_result r = patstat_ipc_from_chars(text);
    if (TECHCONV_UNLIKELY(!r))
        ::techconv::detail::throw_error<parse_error>(error_code::bad_code, where,
                                                     detail::describe_bad_code(text, r.parse));
    return r;
}

/// \brief The flags of the separate tls209_appln_ipc columns (`ipc_class_level`,
/// `ipc_position`, `ipc_value`; each empty or one letter of patstat_ipc_flags, any case,
/// blanks around ignored). \returns std::nullopt when a column holds anything else.
constexpr std::optional<patstat_ipc_flags> patstat_ipc_flags_of(std::string_view level, std::string_view position,
                                                                std::string_view value) noexcept {
    patstat_ipc_flags f;
    const std::string_view cols[3] = {level, position, value};
    const char letters[3][2] = {{'A', 'C'}, {'F', 'L'}, {'I', 'N'}};
    char* const into[3] = {&f.level, &f.position, &f.value};
    for (int k = 0; k < 3; ++k) {
        std::string_view c = cols[k];
        while (!c.empty() && detail::is_blank(c.front())) c.remove_prefix(1);
        while (!c.empty() && detail::is_blank(c.back())) c.remove_suffix(1);
        if (c.empty()) continue;
        const char u = detail::upper(c[0]);
        if (c.size() != 1 || (u != letters[k][0] && u != letters[k][1])) return std::nullopt;
        *into[k] = u;
    }
    return f;
}

/// \brief Builds a code from the separate parts of a USPTO XML
/// `classification-ipcr` element (`section`, `class`, `subclass`,
/// `main-group`, `subgroup` texts, e.g. "H", "04", "N", "5", "232").
///
/// Parts may carry blanks. Empty trailing parts give a shallower code (an
/// empty `main_group` gives a subclass).
/// \returns the code, or the error (position counts within the joined text
///          "H04N 5/232").
/// Complexity: O(total length).
inline ipc_parse_result ipc_from_parts(std::string_view section, std::string_view class_number,
                                       std::string_view subclass, std::string_view main_group,
                                       std::string_view subgroup) {
    char buf[64];
    std::size_t n = 0;
    auto put = [&](std::string_view p) {
        const std::size_t b = detail::skip_blanks(p, 0);
        std::size_t e = p.size();
        while (e > b && detail::is_blank(p[e - 1])) --e;
        for (std::size_t k = b; k < e && n < sizeof buf; ++k) buf[n++] = p[k];
        return e > b;
    };
    put(section);
    if (put(class_number) && put(subclass)) {
        if (n < sizeof buf) buf[n++] = ' ';
        if (put(main_group)) {
            if (n < sizeof buf) buf[n++] = '/';
            put(subgroup);
        }
    }
    if (n == sizeof buf) return ipc_parse_result{{}, ipc_errc::trailing_text, n};
    return ipc_from_chars(std::string_view(buf, n));
}

/// \brief ipc_from_parts that throws parse_error (bad_code) quoting the joined parts.
inline ipc_code parse_ipc_parts(std::string_view section, std::string_view class_number,
                                std::string_view subclass, std::string_view main_group,
                                std::string_view subgroup, const source_location& where = {}) {
    const ipc_parse_result r =
        ipc_from_parts(section, class_number, subclass, main_group, subgroup);
    if (TECHCONV_UNLIKELY(!r)) {
        std::string joined;
        for (std::string_view p : {section, class_number, subclass, main_group, subgroup}) {
            if (!joined.empty()) joined += '|';
            joined.append(p);
        }
        ::techconv::detail::throw_error<parse_error>(
            error_code::bad_code, where,
            detail::describe_bad_code(joined, ipc_parse_result{{}, r.error, 0}) +
                " (section|class|subclass|main-group|subgroup)");
    }
    return r.code;
}

// ---------------------------------------------------------------------------
// Lists

/// \brief How list separators are read (ipc_list_options::separator).
enum class separator_mode : std::uint8_t {
    sequence,  ///< the whole separator string separates (Lens ";;")
    any_char,  ///< any one character of the separator string separates (e.g. ";,|")
};

/// \brief What list parsing does with a code that does not parse.
enum class ipc_error_policy : std::uint8_t {
    throw_error,  ///< throw parse_error (bad_code) at the first bad code
    collect,      ///< skip it, count it in the report and keep a sample of its text
};

/// \brief Options of parse_ipc_list and parse_ipc_list_into.
struct ipc_list_options {
    std::string_view separator = ";;";                          ///< Lens exports use ";;"
    separator_mode mode = separator_mode::sequence;             ///< how `separator` is read
    ipc_error_policy on_error = ipc_error_policy::throw_error;  ///< bad codes: throw or collect
    bool unique = false;                 ///< drop repeats within one list (first kept, counted)
    std::size_t max_error_samples = 16;  ///< how many bad texts the report keeps
};

/// \brief One code that failed to parse, as kept in ipc_list_report::samples.
struct ipc_bad_code {
    std::string text;               ///< the offending piece, trimmed
    ipc_errc error = ipc_errc::ok;  ///< why
    std::size_t position = 0;       ///< 0-based byte offset within `text`
    source_location where;          ///< record location, when the caller gave one
};

/// \brief Counts of a list-parsing run; accumulate over many records.
struct ipc_list_report {
    std::size_t lists = 0;              ///< lists (calls) seen
    std::size_t parsed = 0;             ///< codes returned
    std::size_t failed = 0;             ///< pieces that did not parse (skipped under collect)
    std::size_t duplicates = 0;         ///< repeats dropped under `unique`
    std::vector<ipc_bad_code> samples;  ///< the first bad codes (up to max_error_samples)

    /// Adds another report's counts (samples appended up to `max_samples`).
    void merge(const ipc_list_report& other, std::size_t max_samples = 16) {
        lists += other.lists;
        parsed += other.parsed;
        failed += other.failed;
        duplicates += other.duplicates;
        for (const auto& s : other.samples) {
            if (samples.size() >= max_samples) break;
            samples.push_back(s);
        }
    }
};

namespace detail {
template <class Fn>
void for_each_piece(std::string_view text, std::string_view sep, separator_mode mode, Fn&& fn) {
    auto emit = [&](std::string_view piece) {
        std::size_t b = skip_blanks(piece, 0), e = piece.size();
        while (e > b && is_blank(piece[e - 1])) --e;
        if (e > b) fn(piece.substr(b, e - b));
    };
    if (sep.empty()) {
        emit(text);
        return;
    }
    std::size_t start = 0;
    for (;;) {
        const std::size_t p = mode == separator_mode::sequence ? text.find(sep, start)
                                                               : text.find_first_of(sep, start);
        emit(text.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start));
        if (p == std::string_view::npos) break;
        start = p + (mode == separator_mode::sequence ? sep.size() : 1);
    }
}
}  // namespace detail

/// \brief Parses a separated list of symbols (e.g. a Lens "IPCR
/// Classifications" cell `G06T7/00;;H04N5/232`), appending to `out`.
///
/// Pieces are trimmed; empty pieces are ignored (not errors).
/// \param text the list.
/// \param where location of the list (file, line, record, field) for errors and samples.
/// \param out codes are appended in list order.
/// \param report counts are added (it accumulates across calls).
/// \param opts separator, error policy, de-duplication.
/// \returns the number of codes appended.
/// \throws parse_error (bad_code) under ipc_error_policy::throw_error.
/// Complexity: O(length) (O(k^2) in the list length k with `unique`).
inline std::size_t parse_ipc_list_into(std::string_view text, const source_location& where,
                                       std::vector<ipc_code>& out, ipc_list_report& report,
                                       const ipc_list_options& opts = {}) {
    const std::size_t first = out.size();
    ++report.lists;
    detail::for_each_piece(text, opts.separator, opts.mode, [&](std::string_view piece) {
        const ipc_parse_result r = ipc_from_chars(piece);
        if (!r) {
            if (opts.on_error == ipc_error_policy::throw_error)
                ::techconv::detail::throw_error<parse_error>(error_code::bad_code, where,
                                                             detail::describe_bad_code(piece, r));
            ++report.failed;
            if (report.samples.size() < opts.max_error_samples)
                report.samples.push_back(
                    ipc_bad_code{std::string(piece), r.error, r.position, where});
            return;
        }
        if (opts.unique) {
            for (std::size_t k = first; k < out.size(); ++k) {
                if (out[k] == r.code) {
                    ++report.duplicates;
                    return;
                }
            }
        }
        out.push_back(r.code);
        ++report.parsed;
    });
    return out.size() - first;
}
/// \brief parse_ipc_list_into without a location.
inline std::size_t parse_ipc_list_into(std::string_view text, std::vector<ipc_code>& out,
                                       ipc_list_report& report, const ipc_list_options& opts = {}) {
    return parse_ipc_list_into(text, source_location{}, out, report, opts);
}
/// \brief Parses a separated list and returns the codes (see parse_ipc_list_into).
/// \throws parse_error (bad_code) under ipc_error_policy::throw_error (the default).
inline std::vector<ipc_code> parse_ipc_list(std::string_view text,
                                            const ipc_list_options& opts = {}) {
    std::vector<ipc_code> out;
    ipc_list_report report;
    parse_ipc_list_into(text, source_location{}, out, report, opts);
    return out;
}

}  // namespace classification
TECHCONV_NAMESPACE_END

namespace std {
/// \brief Hash of an IPC/CPC code (a mix of its packed bits).
template <>
struct hash<::techconv::classification::ipc_code> {
    /// The hash value.
    std::size_t operator()(::techconv::classification::ipc_code c) const noexcept {
        std::uint64_t x = c.bits();
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdULL;
        x ^= x >> 33;
        x *= 0xc4ceb9fe1a85ec53ULL;
        x ^= x >> 33;
        return static_cast<std::size_t>(x);
    }
};
}  // namespace std

#endif  // TECHCONV_CLASSIFICATION_IPC_HPP_
