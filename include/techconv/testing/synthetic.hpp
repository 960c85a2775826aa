// SPDX-License-Identifier: BSL-1.0
//
// A deterministic synthetic patent corpus: the bundled default input of the
// techconv command, and the data of the benchmarks (10^5 ... 10^7 records).
//
// Every record is a pure function of (seed, record index): record i can be
// generated alone, in any order, on any thread or MPI rank, and is the same
// on every platform (own generator and distributions; no <random>
// distribution, whose results are implementation-defined).
//
// What it models (the shape of real IPC data, not any real patent):
//  - year: 1995..2024 (configurable), filings growing linearly over time;
//  - country: ~40 ISO codes with Zipf-skewed shares (US, JP, CN, KR, DE first);
//  - applicants: 1..4 per record from a per-country pool, with a type
//    (company, university, institute, individual) visible in the name;
//  - IPC codes: 1..max_codes per record, subclasses Zipf-distributed over the
//    IPC/CPC subclasses of sections A-H; the codes of one record tend to share
//    a section (probability same_section); main group and subgroup drawn from
//    heavy-tailed distributions; the first code is the main code;
//  - the nine [KCT] indicators as heavy-tailed counts with zeros.
#ifndef TECHCONV_TESTING_SYNTHETIC_HPP_
#define TECHCONV_TESTING_SYNTHETIC_HPP_

#include <algorithm>    // std::upper_bound, std::sort, std::unique
#include <array>        // std::array
#include <cmath>        // std::pow, std::floor, std::log
#include <cstdint>      // std::uint64_t
#include <ostream>      // std::ostream
#include <string>       // std::string
#include <string_view>  // std::string_view
#include <vector>       // std::vector

#include <Eigen/Core>

#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/types.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace testing {

/// \brief Options of the synthetic corpus. Same options, same corpus.
struct synthetic_options {
    std::uint64_t seed = 20240521;  ///< any value; different seeds give independent corpora
    index records = 100000;         ///< number of records
    year_type first_year = 1995;    ///< first filing year
    year_type last_year = 2024;     ///< last filing year
    int countries = 40;             ///< countries used (1..40)
    double zipf_exponent = 1.0;     ///< Zipf exponent of subclass popularity
    double same_section = 0.7;      ///< probability that a further code keeps the main code's section
    int max_codes = 8;              ///< codes per record: 1..max_codes (1..16)
    int applicants_per_country = 400;  ///< size of each country's applicant pool
};

/// \brief Applicant type encoded in synthetic names.
enum class synthetic_applicant_type : unsigned char { company, university, institute, individual };

/// \brief One synthetic patent record.
struct synthetic_patent {
    std::string id;                 ///< "SYN-<index>"
    std::string family_id;          ///< families group 1..3 consecutive records
    year_type year = no_year;       ///< filing year
    std::string country;            ///< ISO 3166 alpha-2 of the first applicant
    std::vector<std::string> applicants;                     ///< names, first = main applicant
    std::vector<synthetic_applicant_type> applicant_types;   ///< one per applicant
    std::vector<std::string> ipc;   ///< canonical "G06F 17/30" codes, main first, distinct
    std::vector<int> subclass_ids;  ///< subclass of each code (index into subclasses())
    std::array<double, 9> indicators{};  ///< in the order of indicator_names()
};

/// \brief Deterministic generator of synthetic patents (see the file comment).
///
/// Thread safety: all member functions are const and may be called
/// concurrently.
class synthetic_corpus {
public:
    explicit synthetic_corpus(synthetic_options opts = {}) : opts_(opts) {
        detail::require(opts.records >= 0, "synthetic_options::records must be >= 0");
        detail::require(opts.first_year <= opts.last_year, "synthetic_options: first_year > last_year");
        detail::require(opts.countries >= 1 && opts.countries <= 40,
                        "synthetic_options::countries must be in 1..40");
        detail::require(opts.max_codes >= 1 && opts.max_codes <= 16,
                        "synthetic_options::max_codes must be in 1..16");
        detail::require(opts.applicants_per_country >= 1, "synthetic_options::applicants_per_country must be >= 1");
        detail::require(opts.same_section >= 0.0 && opts.same_section <= 1.0,
                        "synthetic_options::same_section must be in [0, 1]");
        build_tables();
    }

    /// Number of records.
    index size() const noexcept { return opts_.records; }
    const synthetic_options& options() const noexcept { return opts_; }

    /// The subclass symbols used ("A01B", ...), sorted.
    static const std::vector<std::string>& subclasses() {
        static const std::vector<std::string> table = [] {
            std::vector<std::string> t;
            const std::string_view packed = subclass_table();
            for (std::size_t i = 0; i + 4 <= packed.size(); i += 4) t.emplace_back(packed.substr(i, 4));
            return t;
        }();
        return table;
    }

    /// Column names of the nine [KCT] indicators, in the order of
    /// synthetic_patent::indicators and of the canonical CSV.
    static const std::array<std::string_view, 9>& indicator_names() {
        static const std::array<std::string_view, 9> names{
            "backward_citations", "npl_citations",     "claims",
            "forward_citations",  "technology_classes", "applicant_count",
            "family_size",        "filing_countries",   "developed_filing_countries"};
        return names;
    }

    /// Record `i` (0 <= i < size()).
    synthetic_patent record(index i) const {
        detail::require(i >= 0 && i < opts_.records, "synthetic_corpus::record: index out of range");
        synthetic_patent p;
        rng g(mix(opts_.seed, static_cast<std::uint64_t>(i)));
        p.id = "SYN-" + std::to_string(i);
        // Families: records are grouped in runs of 1..3 by a hash of i / 3.
        {
            rng fam(mix(opts_.seed ^ 0x9E3779B97F4A7C15ULL, static_cast<std::uint64_t>(i / 3)));
            const index len = 1 + static_cast<index>(fam.below(3));
            const index start = (i / 3) * 3;
            p.family_id = "SYNF-" + std::to_string(i < start + len ? start : i);
        }
        p.year = static_cast<year_type>(opts_.first_year + static_cast<year_type>(sample(year_cdf_, g)));
        const int c = static_cast<int>(sample(country_cdf_, g));
        p.country = std::string(country_codes().substr(static_cast<std::size_t>(2 * c), 2));
        const int n_app = 1 + static_cast<int>(g.below(4) == 0 ? 1 + g.below(3) : 0);
        for (int a = 0; a < n_app; ++a) {
            const int cc = a == 0 ? c : (g.uniform() < 0.8 ? c : static_cast<int>(sample(country_cdf_, g)));
            const auto id = static_cast<int>(zipf_index(static_cast<std::uint64_t>(opts_.applicants_per_country), g));
            add_applicant(p, cc, id);
        }
        // Codes.
        const int n_codes = 1 + static_cast<int>(std::min<std::uint64_t>(
            static_cast<std::uint64_t>(opts_.max_codes - 1), geometric(0.45, g)));
        const int first = static_cast<int>(sample(subclass_cdf_, g));
        const int section = section_of_[static_cast<std::size_t>(first)];
        std::vector<std::pair<int, int>> picked;  // (subclass, main group)
        for (int k = 0; k < n_codes; ++k) {
            int s = first;
            if (k > 0) {
                s = g.uniform() < opts_.same_section
                        ? static_cast<int>(sample(section_cdf_[static_cast<std::size_t>(section)], g)) +
                              section_begin_[static_cast<std::size_t>(section)]
                        : static_cast<int>(sample(subclass_cdf_, g));
            }
            const int main_group = 1 + 2 * static_cast<int>(zipf_index(50, g));
            picked.emplace_back(s, main_group);
            const int sub = g.uniform() < 0.35 ? 0 : 2 * (1 + static_cast<int>(zipf_index(60, g)));
            std::string code = subclasses()[static_cast<std::size_t>(s)];
            code += ' ';
            code += std::to_string(main_group);
            code += '/';
            if (sub < 10) code += '0';
            code += std::to_string(sub);
            if (std::find(p.ipc.begin(), p.ipc.end(), code) == p.ipc.end()) {
                p.ipc.push_back(std::move(code));
                p.subclass_ids.push_back(s);
            }
        }
        // Indicators: heavy-tailed counts with zeros.
        auto& x = p.indicators;
        x[0] = g.uniform() < 0.15 ? 0.0 : discrete_pareto(1.0, 1.6, 400, g);  // backward citations
        x[1] = g.uniform() < 0.55 ? 0.0 : discrete_pareto(1.0, 1.3, 300, g);  // NPL citations
        x[2] = static_cast<double>(1 + std::min<std::uint64_t>(120, geometric(0.07, g)));  // claims
        x[3] = g.uniform() < 0.30 ? 0.0 : discrete_pareto(1.0, 1.2, 2000, g);  // forward citations
        x[4] = static_cast<double>(p.ipc.size());                               // technology classes
        x[5] = static_cast<double>(p.applicants.size());                         // applicants
        x[6] = discrete_pareto(1.0, 1.4, 150, g);                                // family size
        x[7] = std::min(x[6], discrete_pareto(1.0, 1.8, 40, g));                 // filing countries
        x[8] = std::floor(x[7] * g.uniform());                                   // developed filing countries
        return p;
    }

    /// Writes records [begin, end) as the canonical techconv patent CSV
    /// (with a header row when `header`): id, family_id, year, country,
    /// applicants, applicant_types, ipc (";;" lists, main first), then the
    /// nine indicator columns.
    void write_csv(std::ostream& out, index begin = 0, index end = -1, bool header = true) const {
        if (end < 0) end = opts_.records;
        detail::require(begin >= 0 && begin <= end && end <= opts_.records,
                        "synthetic_corpus::write_csv: bad range");
        if (header) {
            out << "id,family_id,year,country,applicants,applicant_types,ipc";
            for (const auto n : indicator_names()) out << ',' << n;
            out << '\n';
        }
        std::string line;
        for (index i = begin; i < end; ++i) {
            const auto p = record(i);
            line.clear();
            line += p.id;
            line += ',';
            line += p.family_id;
            line += ',';
            line += std::to_string(p.year);
            line += ',';
            line += p.country;
            line += ',';
            join(p.applicants, line);
            line += ',';
            for (std::size_t a = 0; a < p.applicant_types.size(); ++a) {
                if (a) line += ";;";
                line += type_name(p.applicant_types[a]);
            }
            line += ',';
            join(p.ipc, line);
            for (const double v : p.indicators) {
                line += ',';
                line += std::to_string(static_cast<long long>(v));
            }
            line += '\n';
            out.write(line.data(), static_cast<std::streamsize>(line.size()));
        }
    }

    /// Fills rows [begin, begin + out.rows()) of the n x 9 indicator matrix.
    template <class Derived>
    void indicators_into(index begin, Eigen::DenseBase<Derived>& out) const {
        detail::require(out.cols() == 9, "synthetic_corpus::indicators_into: need 9 columns");
        for (index r = 0; r < out.rows(); ++r) {
            const auto p = record(begin + r);
            for (index j = 0; j < 9; ++j) out(r, j) = p.indicators[static_cast<std::size_t>(j)];
        }
    }

    /// Writes the n x 9 indicator matrix as raw little-endian float64,
    /// row-major, no header (n = size(); the reader knows n from the file size).
    void write_indicator_binary(std::ostream& out) const {
        std::vector<double> row(9);
        for (index i = 0; i < opts_.records; ++i) {
            const auto p = record(i);
            for (std::size_t j = 0; j < 9; ++j) row[j] = p.indicators[j];
            out.write(reinterpret_cast<const char*>(row.data()), static_cast<std::streamsize>(9 * sizeof(double)));
        }
    }

    /// Name of an applicant type as written in the CSV.
    static std::string_view type_name(synthetic_applicant_type t) noexcept {
        switch (t) {
            case synthetic_applicant_type::company: return "company";
            case synthetic_applicant_type::university: return "university";
            case synthetic_applicant_type::institute: return "institute";
            case synthetic_applicant_type::individual: return "individual";
        }
        return "company";
    }

private:
    // xoshiro256** seeded by splitmix64: small, fast, and the same everywhere.
    struct rng {
        std::uint64_t s[4];
        explicit rng(std::uint64_t seed) {
            for (auto& v : s) v = splitmix(seed);
        }
        static std::uint64_t splitmix(std::uint64_t& x) {
            std::uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
            return z ^ (z >> 31);
        }
        static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
        std::uint64_t next() {
            const std::uint64_t result = rotl(s[1] * 5, 7) * 9;
            const std::uint64_t t = s[1] << 17;
            s[2] ^= s[0];
            s[3] ^= s[1];
            s[1] ^= s[2];
            s[0] ^= s[3];
            s[2] ^= t;
            s[3] = rotl(s[3], 45);
            return result;
        }
        /// Uniform in [0, 1) with 53 random bits.
        double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
        /// Uniform integer in [0, n) (n > 0).
        std::uint64_t below(std::uint64_t n) {
            const auto k = static_cast<std::uint64_t>(uniform() * static_cast<double>(n));
            return k < n ? k : n - 1;
        }
    };

    static std::uint64_t mix(std::uint64_t seed, std::uint64_t i) {
        std::uint64_t x = seed ^ (i * 0xD1B54A32D192ED03ULL);
        return rng::splitmix(x);
    }
    static std::uint64_t sample(const std::vector<double>& cdf, rng& g) {
        const double u = g.uniform() * cdf.back();
        const auto it = std::upper_bound(cdf.begin(), cdf.end(), u);
        const auto k = static_cast<std::uint64_t>(it - cdf.begin());
        return std::min<std::uint64_t>(k, cdf.size() - 1);
    }
    // Zipf over [0, n) with exponent 1.1 by inversion of the continuous
    // approximation (fast; exact shape is not the point).
    static std::uint64_t zipf_index(std::uint64_t n, rng& g) {
        const double s = 1.1;
        const double u = g.uniform();
        const double hn = (std::pow(static_cast<double>(n) + 1.0, 1.0 - s) - 1.0) / (1.0 - s);
        const double x = std::pow(u * hn * (1.0 - s) + 1.0, 1.0 / (1.0 - s)) - 1.0;
        const auto k = static_cast<std::uint64_t>(x);
        return k < n ? k : n - 1;
    }
    static std::uint64_t geometric(double p, rng& g) {
        const double u = 1.0 - g.uniform();  // (0, 1]
        return static_cast<std::uint64_t>(std::floor(std::log(u) / std::log(1.0 - p)));
    }
    static double discrete_pareto(double xmin, double alpha, double cap, rng& g) {
        const double u = 1.0 - g.uniform();  // (0, 1]
        const double v = std::floor(xmin * std::pow(u, -1.0 / alpha));
        return std::min(v, cap);
    }
    static void join(const std::vector<std::string>& v, std::string& out) {
        bool quote = false;
        for (const auto& s : v)
            if (s.find(',') != std::string::npos || s.find('"') != std::string::npos) quote = true;
        if (quote) out += '"';
        for (std::size_t k = 0; k < v.size(); ++k) {
            if (k) out += ";;";
            for (const char ch : v[k]) {
                if (ch == '"') out += '"';
                out += ch;
            }
        }
        if (quote) out += '"';
    }
    void add_applicant(synthetic_patent& p, int country, int id) const {
        const std::string cc(country_codes().substr(static_cast<std::size_t>(2 * country), 2));
        // The type is a fixed function of (country, id): the same applicant
        // always has the same type and name.
        const std::uint64_t h = mix(opts_.seed ^ 0xA5A5A5A5ULL, static_cast<std::uint64_t>(country * 100003 + id));
        const double u = static_cast<double>(h >> 11) * 0x1.0p-53;
        synthetic_applicant_type t = synthetic_applicant_type::company;
        std::string name;
        if (u < 0.80) {
            name = cc + " TECHNOLOGY " + std::to_string(id) + " CO LTD";
        } else if (u < 0.90) {
            t = synthetic_applicant_type::university;
            name = "UNIVERSITY " + std::to_string(id) + " OF " + cc;
        } else if (u < 0.95) {
            t = synthetic_applicant_type::institute;
            name = cc + " RESEARCH INSTITUTE " + std::to_string(id);
        } else {
            t = synthetic_applicant_type::individual;
            name = "INVENTOR " + cc + " " + std::to_string(id);
        }
        if (std::find(p.applicants.begin(), p.applicants.end(), name) != p.applicants.end()) return;
        p.applicants.push_back(std::move(name));
        p.applicant_types.push_back(t);
    }

    void build_tables() {
        // Years: weight grows linearly (1, 2, ..., span).
        const int span = opts_.last_year - opts_.first_year + 1;
        double acc = 0;
        for (int y = 0; y < span; ++y) year_cdf_.push_back(acc += static_cast<double>(y + 1));
        // Countries: Zipf(1.0) over the first `countries` codes.
        acc = 0;
        for (int c = 0; c < opts_.countries; ++c) country_cdf_.push_back(acc += 1.0 / (c + 1.0));
        // Subclasses: Zipf over a fixed, seed-independent popularity order
        // (a multiplicative hash permutes the table), grouped by section.
        const auto& subs = subclasses();
        const std::size_t n = subs.size();
        std::vector<double> weight(n);
        std::vector<std::size_t> order(n);
        for (std::size_t i = 0; i < n; ++i) order[i] = i;
        std::sort(order.begin(), order.end(), [](std::size_t a, std::size_t b) {
            const auto ha = (a + 1) * 0x9E3779B97F4A7C15ULL, hb = (b + 1) * 0x9E3779B97F4A7C15ULL;
            return ha < hb;
        });
        for (std::size_t r = 0; r < n; ++r)
            weight[order[r]] = 1.0 / std::pow(static_cast<double>(r + 1), opts_.zipf_exponent);
        acc = 0;
        section_of_.resize(n);
        section_cdf_.assign(8, {});
        section_begin_.assign(8, 0);
        for (std::size_t i = 0; i < n; ++i) {
            subclass_cdf_.push_back(acc += weight[i]);
            const int sec = subs[i][0] - 'A';
            section_of_[i] = sec;
            auto& cdf = section_cdf_[static_cast<std::size_t>(sec)];
            if (cdf.empty()) section_begin_[static_cast<std::size_t>(sec)] = static_cast<int>(i);
            cdf.push_back((cdf.empty() ? 0.0 : cdf.back()) + weight[i]);
        }
    }

    static std::string_view country_codes() noexcept {
        return "USJPCNKRDEFRGBTWCANLCHSEITILINAUFIATBEDKESSGNORUBRIEHKNZPLCZHUMXZASAAEPTTRGRMYTH";
    }

    static std::string_view subclass_table() noexcept {
        // IPC/CPC subclass symbols of sections A-H (facts of the classification
        // scheme), four characters each.
        return
        "A01BA01CA01DA01FA01GA01HA01JA01KA01LA01MA01NA01PA21BA21CA21DA22BA22CA23B"
        "A23CA23DA23FA23GA23JA23KA23LA23NA23PA23VA24BA24CA24DA24FA41BA41CA41DA41F"
        "A41GA41HA42BA42CA43BA43CA43DA44BA44CA44DA45BA45CA45DA45FA46BA46DA47BA47C"
        "A47DA47FA47GA47HA47JA47KA47LA61BA61CA61DA61FA61GA61HA61JA61KA61LA61MA61N"
        "A61PA61QA62BA62CA62DA63BA63CA63DA63FA63GA63HA63JA63KA99ZB01BB01DB01FB01J"
        "B01LB02BB02CB03BB03CB03DB04BB04CB05BB05CB05DB06BB07BB07CB08BB09BB09CB21B"
        "B21CB21DB21FB21GB21HB21JB21KB21LB22CB22DB22FB23BB23CB23DB23FB23GB23HB23K"
        "B23PB23QB24BB24CB24DB25BB25CB25DB25FB25GB25HB25JB26BB26DB26FB27BB27CB27D"
        "B27FB27GB27HB27JB27KB27LB27MB27NB28BB28CB28DB29BB29CB29DB29KB29LB30BB31B"
        "B31CB31DB31FB32BB33YB41BB41CB41DB41FB41GB41JB41KB41LB41MB41NB41PB42BB42C"
        "B42DB42FB42PB43KB43LB43MB44BB44CB44DB44FB60BB60CB60DB60FB60GB60HB60JB60K"
        "B60LB60MB60NB60PB60QB60RB60SB60TB60VB60WB60YB61BB61CB61DB61FB61GB61HB61J"
        "B61KB61LB62BB62CB62DB62HB62JB62KB62LB62MB63BB63CB63GB63HB63JB64BB64CB64D"
        "B64FB64GB64UB65BB65CB65DB65FB65GB65HB66BB66CB66DB66FB67BB67CB67DB68BB68C"
        "B68FB68GB81BB81CB82BB82YB99ZC01BC01CC01DC01FC01GC01PC02FC03BC03CC04BC05B"
        "C05CC05DC05FC05GC06BC06CC06DC06FC07BC07CC07DC07FC07GC07HC07JC07KC08BC08C"
        "C08FC08GC08HC08JC08KC08LC09BC09CC09DC09FC09GC09HC09JC09KC10BC10CC10FC10G"
        "C10HC10JC10KC10LC10MC10NC11BC11CC11DC12CC12FC12GC12HC12JC12LC12MC12NC12P"
        "C12QC12RC12YC13BC13KC14BC14CC21BC21CC21DC22BC22CC22FC23CC23DC23FC23GC25B"
        "C25CC25DC25FC30BC40BC99ZD01BD01CD01DD01FD01GD01HD02GD02HD02JD03CD03DD03J"
        "D04BD04CD04DD04GD04HD05BD05CD05DD06BD06CD06FD06GD06HD06JD06LD06MD06ND06P"
        "D06QD07BD10BD21BD21CD21DD21FD21GD21HD21JD99ZE01BE01CE01DE01FE01HE02BE02C"
        "E02DE02FE03BE03CE03DE03FE04BE04CE04DE04FE04GE04HE05BE05CE05DE05FE05GE05Y"
        "E06BE06CE21BE21CE21DE21FE99ZF01BF01CF01DF01KF01LF01MF01NF01PF02BF02CF02D"
        "F02FF02GF02KF02MF02NF02PF03BF03CF03DF03GF03HF04BF04CF04DF04FF05BF05CF05D"
        "F15BF15CF15DF16BF16CF16DF16FF16GF16HF16JF16KF16LF16MF16NF16PF16SF16TF17B"
        "F17CF17DF21HF21KF21LF21SF21VF21WF21YF22BF22DF22GF23BF23CF23DF23GF23HF23J"
        "F23KF23LF23MF23NF23QF23RF24BF24CF24DF24FF24HF24SF24TF24VF25BF25CF25DF25J"
        "F26BF27BF27DF27MF28BF28CF28DF28FF28GF41AF41BF41CF41FF41GF41HF41JF42BF42C"
        "F42DF99ZG01BG01CG01DG01FG01GG01HG01JG01KG01LG01MG01NG01PG01QG01RG01SG01T"
        "G01VG01WG02BG02CG02FG03BG03CG03DG03FG03GG03HG04BG04CG04DG04FG04GG04RG05B"
        "G05DG05FG05GG06CG06DG06EG06FG06GG06JG06KG06MG06NG06QG06TG06VG07BG07CG07D"
        "G07FG07GG08BG08CG08GG09BG09CG09DG09FG09GG10BG10CG10DG10FG10GG10HG10KG10L"
        "G11BG11CG12BG16BG16CG16HG16YG16ZG21BG21CG21DG21FG21GG21HG21JG21KG99ZH01B"
        "H01CH01FH01GH01HH01JH01KH01LH01MH01PH01QH01RH01SH01TH02BH02GH02HH02JH02K"
        "H02MH02NH02PH02SH03BH03CH03DH03FH03GH03HH03JH03KH03LH03MH04BH04HH04JH04K"
        "H04LH04MH04NH04QH04RH04SH04TH04WH05BH05CH05FH05GH05HH05KH10BH10DH10FH10H"
        "H10KH10NH99Z";
    }

    synthetic_options opts_;
    std::vector<double> year_cdf_, country_cdf_, subclass_cdf_;
    std::vector<std::vector<double>> section_cdf_;
    std::vector<int> section_of_, section_begin_;
};

}  // namespace testing
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_TESTING_SYNTHETIC_HPP_
