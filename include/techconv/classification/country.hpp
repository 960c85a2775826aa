// SPDX-License-Identifier: BSL-1.0
//
// Country normalisation: country names, Web of Science and Scopus spellings
// ("Peoples R China", "USA", "England", "U Arab Emirates", "South Korea",
// ...) and ISO codes -> ISO 3166-1 alpha-2, with an explicit region policy.
//
// The ISO table (249 codes with English short names) is built in and can be
// replaced by one loaded from a CSV file in the layout of the Frictionless
// Data "country-codes" dataset. The alias list (WoS/Scopus spellings and
// common variants) is techconv's own. Policy:
//  - England, Scotland, Wales and (North|Northern) Ireland are always GB:
//    they have no ISO 3166-1 code of their own. Crown dependencies (Jersey,
//    Guernsey, Isle of Man) keep their own codes.
//  - Taiwan, Hong Kong and Macau are separate (TW, HK, MO) or merged into CN,
//    each by its own region_policy field. bibliometrix hard-wires Taiwan ->
//    China; techconv makes it a choice.
//  - Historical states without a current code ("USSR", "Yugoslavia",
//    "Serbia Monteneg", "Czechoslovakia") and Kosovo are not recognised;
//    the two German states of old WoS records ("Fed Rep Ger", "Ger Dem Rep")
//    map to DE.
#ifndef TECHCONV_CLASSIFICATION_COUNTRY_HPP_
#define TECHCONV_CLASSIFICATION_COUNTRY_HPP_

#include <cstddef>        // std::size_t
#include <cstdint>        // std::uint8_t
#include <string>         // std::string
#include <string_view>    // std::string_view
#include <unordered_map>  // std::unordered_map
#include <utility>        // std::move
#include <vector>         // std::vector

#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/format/csv.hpp"
#include "techconv/format/parse.hpp"

TECHCONV_NAMESPACE_BEGIN
namespace classification {

/// \brief One row of the ISO 3166-1 table.
struct country_entry {
    std::string alpha2;  ///< two-letter code, upper case ("CN")
    std::string alpha3;  ///< three-letter code, upper case ("CHN")
    std::string name;    ///< English short name ("China")
};

/// \brief What happens to a territory that some studies count under China.
enum class territory_policy : std::uint8_t {
    separate,          ///< its own ISO code (TW, HK, MO)
    merge_into_china,  ///< counted as CN
};

/// \brief The region policy: Taiwan, Hong Kong and Macau, each separately.
/// UK constituent countries are always merged into GB (not a choice: they
/// have no ISO 3166-1 code).
struct region_policy {
    territory_policy taiwan = territory_policy::separate;     ///< TW
    territory_policy hong_kong = territory_policy::separate;  ///< HK
    territory_policy macau = territory_policy::separate;      ///< MO
};

/// \brief Which inputs are recognised.
enum class country_input : std::uint8_t {
    /// Names, aliases and bare ISO alpha-2 / alpha-3 codes ("CN", "CHN").
    names_and_codes,
    /// Names and aliases only: for free text such as address tails, where
    /// two-letter tokens are US states or provinces ("CA", "IN").
    names_only,
};

/// \brief Options of country_normalizer lookups.
struct country_options {
    region_policy regions;                            ///< Taiwan / Hong Kong / Macau
    country_input input = country_input::names_and_codes;  ///< accept bare codes?
};

namespace detail {

struct builtin_country {
    const char* alpha2;
    const char* alpha3;
    const char* name;
};

// ISO 3166-1: the 249 officially assigned alpha-2 codes, their alpha-3
// codes, and English short names (our wording).
inline const std::vector<builtin_country>& builtin_countries() {
    static const std::vector<builtin_country> table = {
        {"AD", "AND", "Andorra"},
        {"AE", "ARE", "United Arab Emirates"},
        {"AF", "AFG", "Afghanistan"},
        {"AG", "ATG", "Antigua and Barbuda"},
        {"AI", "AIA", "Anguilla"},
        {"AL", "ALB", "Albania"},
        {"AM", "ARM", "Armenia"},
        {"AO", "AGO", "Angola"},
        {"AQ", "ATA", "Antarctica"},
        {"AR", "ARG", "Argentina"},
        {"AS", "ASM", "American Samoa"},
        {"AT", "AUT", "Austria"},
        {"AU", "AUS", "Australia"},
        {"AW", "ABW", "Aruba"},
        {"AX", "ALA", "Aland Islands"},
        {"AZ", "AZE", "Azerbaijan"},
        {"BA", "BIH", "Bosnia and Herzegovina"},
        {"BB", "BRB", "Barbados"},
        {"BD", "BGD", "Bangladesh"},
        {"BE", "BEL", "Belgium"},
        {"BF", "BFA", "Burkina Faso"},
        {"BG", "BGR", "Bulgaria"},
        {"BH", "BHR", "Bahrain"},
        {"BI", "BDI", "Burundi"},
        {"BJ", "BEN", "Benin"},
        {"BL", "BLM", "Saint Barthelemy"},
        {"BM", "BMU", "Bermuda"},
        {"BN", "BRN", "Brunei"},
        {"BO", "BOL", "Bolivia"},
        {"BQ", "BES", "Caribbean Netherlands"},
        {"BR", "BRA", "Brazil"},
        {"BS", "BHS", "Bahamas"},
        {"BT", "BTN", "Bhutan"},
        {"BV", "BVT", "Bouvet Island"},
        {"BW", "BWA", "Botswana"},
        {"BY", "BLR", "Belarus"},
        {"BZ", "BLZ", "Belize"},
        {"CA", "CAN", "Canada"},
        {"CC", "CCK", "Cocos (Keeling) Islands"},
        {"CD", "COD", "Democratic Republic of the Congo"},
        {"CF", "CAF", "Central African Republic"},
        {"CG", "COG", "Republic of the Congo"},
        {"CH", "CHE", "Switzerland"},
        {"CI", "CIV", "Cote d'Ivoire"},
        {"CK", "COK", "Cook Islands"},
        {"CL", "CHL", "Chile"},
        {"CM", "CMR", "Cameroon"},
        {"CN", "CHN", "China"},
        {"CO", "COL", "Colombia"},
        {"CR", "CRI", "Costa Rica"},
        {"CU", "CUB", "Cuba"},
        {"CV", "CPV", "Cabo Verde"},
        {"CW", "CUW", "Curacao"},
        {"CX", "CXR", "Christmas Island"},
        {"CY", "CYP", "Cyprus"},
        {"CZ", "CZE", "Czechia"},
        {"DE", "DEU", "Germany"},
        {"DJ", "DJI", "Djibouti"},
        {"DK", "DNK", "Denmark"},
        {"DM", "DMA", "Dominica"},
        {"DO", "DOM", "Dominican Republic"},
        {"DZ", "DZA", "Algeria"},
        {"EC", "ECU", "Ecuador"},
        {"EE", "EST", "Estonia"},
        {"EG", "EGY", "Egypt"},
        {"EH", "ESH", "Western Sahara"},
        {"ER", "ERI", "Eritrea"},
        {"ES", "ESP", "Spain"},
        {"ET", "ETH", "Ethiopia"},
        {"FI", "FIN", "Finland"},
        {"FJ", "FJI", "Fiji"},
        {"FK", "FLK", "Falkland Islands"},
        {"FM", "FSM", "Micronesia"},
        {"FO", "FRO", "Faroe Islands"},
        {"FR", "FRA", "France"},
        {"GA", "GAB", "Gabon"},
        {"GB", "GBR", "United Kingdom"},
        {"GD", "GRD", "Grenada"},
        {"GE", "GEO", "Georgia"},
        {"GF", "GUF", "French Guiana"},
        {"GG", "GGY", "Guernsey"},
        {"GH", "GHA", "Ghana"},
        {"GI", "GIB", "Gibraltar"},
        {"GL", "GRL", "Greenland"},
        {"GM", "GMB", "Gambia"},
        {"GN", "GIN", "Guinea"},
        {"GP", "GLP", "Guadeloupe"},
        {"GQ", "GNQ", "Equatorial Guinea"},
        {"GR", "GRC", "Greece"},
        {"GS", "SGS", "South Georgia and the South Sandwich Islands"},
        {"GT", "GTM", "Guatemala"},
        {"GU", "GUM", "Guam"},
        {"GW", "GNB", "Guinea-Bissau"},
        {"GY", "GUY", "Guyana"},
        {"HK", "HKG", "Hong Kong"},
        {"HM", "HMD", "Heard Island and McDonald Islands"},
        {"HN", "HND", "Honduras"},
        {"HR", "HRV", "Croatia"},
        {"HT", "HTI", "Haiti"},
        {"HU", "HUN", "Hungary"},
        {"ID", "IDN", "Indonesia"},
        {"IE", "IRL", "Ireland"},
        {"IL", "ISR", "Israel"},
        {"IM", "IMN", "Isle of Man"},
        {"IN", "IND", "India"},
        {"IO", "IOT", "British Indian Ocean Territory"},
        {"IQ", "IRQ", "Iraq"},
        {"IR", "IRN", "Iran"},
        {"IS", "ISL", "Iceland"},
        {"IT", "ITA", "Italy"},
        {"JE", "JEY", "Jersey"},
        {"JM", "JAM", "Jamaica"},
        {"JO", "JOR", "Jordan"},
        {"JP", "JPN", "Japan"},
        {"KE", "KEN", "Kenya"},
        {"KG", "KGZ", "Kyrgyzstan"},
        {"KH", "KHM", "Cambodia"},
        {"KI", "KIR", "Kiribati"},
        {"KM", "COM", "Comoros"},
        {"KN", "KNA", "Saint Kitts and Nevis"},
        {"KP", "PRK", "North Korea"},
        {"KR", "KOR", "South Korea"},
        {"KW", "KWT", "Kuwait"},
        {"KY", "CYM", "Cayman Islands"},
        {"KZ", "KAZ", "Kazakhstan"},
        {"LA", "LAO", "Laos"},
        {"LB", "LBN", "Lebanon"},
        {"LC", "LCA", "Saint Lucia"},
        {"LI", "LIE", "Liechtenstein"},
        {"LK", "LKA", "Sri Lanka"},
        {"LR", "LBR", "Liberia"},
        {"LS", "LSO", "Lesotho"},
        {"LT", "LTU", "Lithuania"},
        {"LU", "LUX", "Luxembourg"},
        {"LV", "LVA", "Latvia"},
        {"LY", "LBY", "Libya"},
        {"MA", "MAR", "Morocco"},
        {"MC", "MCO", "Monaco"},
        {"MD", "MDA", "Moldova"},
        {"ME", "MNE", "Montenegro"},
        {"MF", "MAF", "Saint Martin (French part)"},
        {"MG", "MDG", "Madagascar"},
        {"MH", "MHL", "Marshall Islands"},
        {"MK", "MKD", "North Macedonia"},
        {"ML", "MLI", "Mali"},
        {"MM", "MMR", "Myanmar"},
        {"MN", "MNG", "Mongolia"},
        {"MO", "MAC", "Macao"},
        {"MP", "MNP", "Northern Mariana Islands"},
        {"MQ", "MTQ", "Martinique"},
        {"MR", "MRT", "Mauritania"},
        {"MS", "MSR", "Montserrat"},
        {"MT", "MLT", "Malta"},
        {"MU", "MUS", "Mauritius"},
        {"MV", "MDV", "Maldives"},
        {"MW", "MWI", "Malawi"},
        {"MX", "MEX", "Mexico"},
        {"MY", "MYS", "Malaysia"},
        {"MZ", "MOZ", "Mozambique"},
        {"NA", "NAM", "Namibia"},
        {"NC", "NCL", "New Caledonia"},
        {"NE", "NER", "Niger"},
        {"NF", "NFK", "Norfolk Island"},
        {"NG", "NGA", "Nigeria"},
        {"NI", "NIC", "Nicaragua"},
        {"NL", "NLD", "Netherlands"},
        {"NO", "NOR", "Norway"},
        {"NP", "NPL", "Nepal"},
        {"NR", "NRU", "Nauru"},
        {"NU", "NIU", "Niue"},
        {"NZ", "NZL", "New Zealand"},
        {"OM", "OMN", "Oman"},
        {"PA", "PAN", "Panama"},
        {"PE", "PER", "Peru"},
        {"PF", "PYF", "French Polynesia"},
        {"PG", "PNG", "Papua New Guinea"},
        {"PH", "PHL", "Philippines"},
        {"PK", "PAK", "Pakistan"},
        {"PL", "POL", "Poland"},
        {"PM", "SPM", "Saint Pierre and Miquelon"},
        {"PN", "PCN", "Pitcairn"},
        {"PR", "PRI", "Puerto Rico"},
        {"PS", "PSE", "Palestine"},
        {"PT", "PRT", "Portugal"},
        {"PW", "PLW", "Palau"},
        {"PY", "PRY", "Paraguay"},
        {"QA", "QAT", "Qatar"},
        {"RE", "REU", "Reunion"},
        {"RO", "ROU", "Romania"},
        {"RS", "SRB", "Serbia"},
        {"RU", "RUS", "Russia"},
        {"RW", "RWA", "Rwanda"},
        {"SA", "SAU", "Saudi Arabia"},
        {"SB", "SLB", "Solomon Islands"},
        {"SC", "SYC", "Seychelles"},
        {"SD", "SDN", "Sudan"},
        {"SE", "SWE", "Sweden"},
        {"SG", "SGP", "Singapore"},
        {"SH", "SHN", "Saint Helena, Ascension and Tristan da Cunha"},
        {"SI", "SVN", "Slovenia"},
        {"SJ", "SJM", "Svalbard and Jan Mayen"},
        {"SK", "SVK", "Slovakia"},
        {"SL", "SLE", "Sierra Leone"},
        {"SM", "SMR", "San Marino"},
        {"SN", "SEN", "Senegal"},
        {"SO", "SOM", "Somalia"},
        {"SR", "SUR", "Suriname"},
        {"SS", "SSD", "South Sudan"},
        {"ST", "STP", "Sao Tome and Principe"},
        {"SV", "SLV", "El Salvador"},
        {"SX", "SXM", "Sint Maarten (Dutch part)"},
        {"SY", "SYR", "Syria"},
        {"SZ", "SWZ", "Eswatini"},
        {"TC", "TCA", "Turks and Caicos Islands"},
        {"TD", "TCD", "Chad"},
        {"TF", "ATF", "French Southern Territories"},
        {"TG", "TGO", "Togo"},
        {"TH", "THA", "Thailand"},
        {"TJ", "TJK", "Tajikistan"},
        {"TK", "TKL", "Tokelau"},
        {"TL", "TLS", "Timor-Leste"},
        {"TM", "TKM", "Turkmenistan"},
        {"TN", "TUN", "Tunisia"},
        {"TO", "TON", "Tonga"},
        {"TR", "TUR", "Turkiye"},
        {"TT", "TTO", "Trinidad and Tobago"},
        {"TV", "TUV", "Tuvalu"},
        {"TW", "TWN", "Taiwan"},
        {"TZ", "TZA", "Tanzania"},
        {"UA", "UKR", "Ukraine"},
        {"UG", "UGA", "Uganda"},
        {"UM", "UMI", "United States Minor Outlying Islands"},
        {"US", "USA", "United States"},
        {"UY", "URY", "Uruguay"},
        {"UZ", "UZB", "Uzbekistan"},
        {"VA", "VAT", "Vatican City"},
        {"VC", "VCT", "Saint Vincent and the Grenadines"},
        {"VE", "VEN", "Venezuela"},
        {"VG", "VGB", "British Virgin Islands"},
        {"VI", "VIR", "United States Virgin Islands"},
        {"VN", "VNM", "Vietnam"},
        {"VU", "VUT", "Vanuatu"},
        {"WF", "WLF", "Wallis and Futuna"},
        {"WS", "WSM", "Samoa"},
        {"YE", "YEM", "Yemen"},
        {"YT", "MYT", "Mayotte"},
        {"ZA", "ZAF", "South Africa"},
        {"ZM", "ZMB", "Zambia"},
        {"ZW", "ZWE", "Zimbabwe"},
    };
    return table;
}

// Our alias list: Web of Science and Scopus spellings and common variants
// (written in lookup-key form: upper case, no punctuation, '&' -> AND).
inline const std::vector<std::pair<const char*, const char*>>& builtin_aliases() {
    static const std::vector<std::pair<const char*, const char*>> aliases = {
        // United States
        {"USA", "US"}, {"U S A", "US"}, {"UNITED STATES OF AMERICA", "US"}, {"U S", "US"},
        // China (mainland)
        {"PEOPLES R CHINA", "CN"}, {"PEOPLES REPUBLIC OF CHINA", "CN"}, {"P R CHINA", "CN"},
        {"PR CHINA", "CN"}, {"MAINLAND CHINA", "CN"}, {"PEOPLES REP CHINA", "CN"},
        // United Kingdom and its constituent countries
        {"ENGLAND", "GB"}, {"SCOTLAND", "GB"}, {"WALES", "GB"}, {"NORTH IRELAND", "GB"},
        {"NORTHERN IRELAND", "GB"}, {"UK", "GB"}, {"U K", "GB"}, {"GREAT BRITAIN", "GB"},
        {"BRITAIN", "GB"}, {"UNITED KINGDOM OF GREAT BRITAIN AND NORTHERN IRELAND", "GB"},
        // Koreas
        {"KOREA", "KR"}, {"REPUBLIC OF KOREA", "KR"}, {"KOREA REPUBLIC", "KR"}, {"KOREA REP", "KR"},
        {"KOREA SOUTH", "KR"}, {"S KOREA", "KR"}, {"KOREA REPUBLIC OF", "KR"},
        {"DEM PEOPLES R KOREA", "KP"}, {"DPR KOREA", "KP"}, {"KOREA DPR", "KP"},
        {"DEMOCRATIC PEOPLES REPUBLIC OF KOREA", "KP"}, {"KOREA NORTH", "KP"},
        // Taiwan, Hong Kong, Macau (the region policy applies after lookup)
        {"TAIWAN ROC", "TW"}, {"ROC", "TW"}, {"R O C", "TW"}, {"CHINESE TAIPEI", "TW"}, {"TAIWAN PROVINCE OF CHINA", "TW"},
        {"REPUBLIC OF CHINA TAIWAN", "TW"}, {"HONG KONG SAR", "HK"}, {"HONG KONG SAR CHINA", "HK"},
        {"HONG KONG CHINA", "HK"}, {"HONGKONG", "HK"}, {"MACAU", "MO"}, {"MACAU SAR", "MO"},
        {"MACAO SAR", "MO"}, {"MACAU CHINA", "MO"},
        // Gulf and Middle East
        {"U ARAB EMIRATES", "AE"}, {"UAE", "AE"}, {"ARAB EMIRATES", "AE"}, {"SYRIAN ARAB REPUBLIC", "SY"},
        {"IRAN ISLAMIC REPUBLIC OF", "IR"}, {"ISLAMIC REPUBLIC OF IRAN", "IR"}, {"IRAN ISLAMIC REPUBLIC", "IR"},
        {"PALESTINIAN TERRITORY", "PS"}, {"PALESTINIAN TERRITORIES", "PS"}, {"STATE OF PALESTINE", "PS"},
        {"TURKEY", "TR"}, {"REPUBLIC OF TURKIYE", "TR"},
        // Europe
        {"RUSSIAN FEDERATION", "RU"}, {"CZECH REPUBLIC", "CZ"}, {"SLOVAK REPUBLIC", "SK"},
        {"MACEDONIA", "MK"}, {"REPUBLIC OF NORTH MACEDONIA", "MK"},
        {"FORMER YUGOSLAV REPUBLIC OF MACEDONIA", "MK"}, {"FYR MACEDONIA", "MK"},
        {"BOSNIA AND HERCEG", "BA"}, {"BOSNIA", "BA"}, {"BOSNIA HERZEGOVINA", "BA"},
        {"MOLDOVA REPUBLIC OF", "MD"}, {"REPUBLIC OF MOLDOVA", "MD"}, {"BYELARUS", "BY"},
        {"BELORUSSIA", "BY"}, {"HOLLAND", "NL"}, {"VATICAN", "VA"}, {"HOLY SEE", "VA"},
        {"VATICAN CITY STATE", "VA"}, {"FED REP GER", "DE"}, {"GER DEM REP", "DE"},
        {"WEST GERMANY", "DE"}, {"EAST GERMANY", "DE"}, {"FAROE ISLANDS", "FO"}, {"FAEROE ISLANDS", "FO"},
        // Asia and Oceania
        {"VIET NAM", "VN"}, {"LAO PDR", "LA"}, {"LAO PEOPLES DEMOCRATIC REPUBLIC", "LA"},
        {"LAO PEOPLES DEM REP", "LA"}, {"BRUNEI DARUSSALAM", "BN"}, {"BURMA", "MM"},
        {"KYRGYZ REPUBLIC", "KG"}, {"KIRGHIZIA", "KG"}, {"EAST TIMOR", "TL"}, {"TIMOR LESTE", "TL"},
        {"PAPUA N GUINEA", "PG"}, {"FR POLYNESIA", "PF"}, {"MICRONESIA FEDERATED STATES OF", "FM"},
        {"FED STATES MICRONESIA", "FM"}, {"FEDERATED STATES OF MICRONESIA", "FM"},
        {"MARSHALL ISLAND", "MH"}, {"SOLOMON ISLAND", "SB"}, {"COOK ISLAND", "CK"},
        // Africa
        {"CENT AFR REPUBL", "CF"}, {"CENTRAL AFRICAN REP", "CF"}, {"DEM REP CONGO", "CD"},
        {"DEMOCRATIC REPUBLIC CONGO", "CD"}, {"CONGO DEMOCRATIC REPUBLIC", "CD"},
        {"CONGO DEMOCRATIC REPUBLIC OF THE", "CD"}, {"DR CONGO", "CD"}, {"ZAIRE", "CD"},
        {"REP CONGO", "CG"}, {"CONGO", "CG"}, {"CONGO REPUBLIC", "CG"}, {"REPUBLIC OF CONGO", "CG"},
        {"REPUBLIC OF THE CONGO", "CG"}, {"CONGO BRAZZAVILLE", "CG"}, {"COTE IVOIRE", "CI"},
        {"IVORY COAST", "CI"}, {"COTE D IVOIRE", "CI"}, {"SAO TOME AND PRIN", "ST"}, {"SAO TOME", "ST"},
        {"CAPE VERDE", "CV"}, {"SWAZILAND", "SZ"}, {"LIBYAN ARAB JAMAHIRIYA", "LY"},
        {"TANZANIA UNITED REPUBLIC OF", "TZ"}, {"UNITED REPUBLIC OF TANZANIA", "TZ"},
        {"GUINEA BISSAU", "GW"}, {"EQUAT GUINEA", "GQ"}, {"BURKINA", "BF"}, {"UPPER VOLTA", "BF"},
        // Americas and the Caribbean
        {"TRINID AND TOBAGO", "TT"}, {"TRINIDAD TOBAGO", "TT"}, {"TRINIDAD", "TT"},
        {"ST KITTS AND NEVI", "KN"}, {"ST KITTS AND NEVIS", "KN"}, {"SAINT KITTS NEVIS", "KN"},
        {"ST LUCIA", "LC"}, {"ST VINCENT", "VC"}, {"ST VINCENT AND GRENADINES", "VC"},
        {"SAINT VINCENT", "VC"}, {"ANTIGUA AND BARBU", "AG"}, {"ANTIGUA", "AG"},
        {"BOLIVIA PLURINATIONAL STATE OF", "BO"}, {"VENEZUELA BOLIVARIAN REPUBLIC OF", "VE"},
        {"US VIRGIN ISLANDS", "VI"}, {"VIRGIN ISLANDS US", "VI"}, {"BRIT VIRGIN ISL", "VG"},
        {"VIRGIN ISLANDS BRITISH", "VG"}, {"FALKLAND ISLAND", "FK"}, {"MALVINAS", "FK"},
        {"NETH ANTILLES", "CW"}, {"BONAIRE", "BQ"}, {"BONAIRE SINT EUSTATIUS AND SABA", "BQ"},
        {"SAINT MARTIN", "MF"}, {"ST MARTIN", "MF"}, {"SINT MAARTEN", "SX"}, {"ST BARTHELEMY", "BL"},
        {"ST HELENA", "SH"}, {"SAINT HELENA", "SH"}, {"ST PIERRE AND MIQUELON", "PM"},
        {"TURKS AND CAICOS", "TC"}, {"GUYANE", "GF"}, {"SOUTH GEORGIA", "GS"}, {"SVALBARD", "SJ"},
        {"HEARD ISLAND", "HM"}, {"COCOS ISLANDS", "CC"}, {"KEELING ISLANDS", "CC"},
    };
    return aliases;
}

// Appends code point `cp` folded to ASCII upper case when it is a letter of
// Latin-1 Supplement or Latin Extended-A; appends nothing otherwise.
inline void fold_code_point(unsigned cp, std::string& out) {
    // U+00C0..U+00FF
    static const char* latin1 =
        "AAAAAAACEEEEIIII"   // C0-CF (C6 AE -> A)
        "DNOOOOO OUUUUY  "   // D0-DF (D7 x, DE thorn, DF sharp s)
        "AAAAAAACEEEEIIII"   // E0-EF
        "DNOOOOO OUUUUY Y";  // F0-FF
    if (cp >= 0xC0 && cp <= 0xFF) {
        const char c = latin1[cp - 0xC0];
        if (cp == 0xDF) out += "SS";
        else if (c != ' ') out.push_back(c);
        return;
    }
    if (cp >= 0x100 && cp <= 0x17F) {  // Latin Extended-A: pairs of upper/lower letters
        static const char* ext =
            "AAAAAACCCCCCCCDDDDEEEEEEEEEEGGGGGGGGHHHHIIIIIIIIIIIIJJKKKLLLLLLLLLLNNNNNNNNNOOOOOOOORRRRRRSSSSSSSSTTTTTTUUUUUUUUUUUUWWYYYZZZZZZS";
        out.push_back(ext[cp - 0x100]);
    }
}

// The lookup key of a country string: Latin letters folded to ASCII upper
// case, '&' -> AND, digits kept, every other character a separator, runs of
// separators one space, a leading "THE" dropped.
inline std::string country_key(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool sep = false;
    auto put = [&](char c) {
        if (sep && !out.empty()) out.push_back(' ');
        sep = false;
        out.push_back(c);
    };
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            ++i;
            if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) put(static_cast<char>(c));
            else if (c >= 'a' && c <= 'z') put(static_cast<char>(c - 'a' + 'A'));
            else if (c == '&') {
                sep = true;
                put('A');
                out += "ND";
                sep = true;
            } else {
                sep = true;  // punctuation and blanks ("d'Ivoire" -> "D IVOIRE")
            }
            continue;
        }
        // decode one UTF-8 sequence (input is valid UTF-8 or treated byte-wise)
        unsigned cp = 0;
        std::size_t len = 1;
        if ((c & 0xE0) == 0xC0) {
            cp = c & 0x1Fu;
            len = 2;
        } else if ((c & 0xF0) == 0xE0) {
            cp = c & 0x0Fu;
            len = 3;
        } else if ((c & 0xF8) == 0xF0) {
            cp = c & 0x07u;
            len = 4;
        }
        if (i + len > s.size()) len = s.size() - i;
        for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
        i += len;
        std::string folded;
        fold_code_point(cp, folded);
        if (folded.empty()) {
            sep = true;  // other punctuation (e.g. U+2019) separates
            continue;
        }
        for (const char f : folded) put(f);
    }
    if (out.size() > 4 && out.compare(0, 4, "THE ") == 0) out.erase(0, 4);
    return out;
}

}  // namespace detail

/// \brief Maps country strings to ISO 3166-1 alpha-2 codes.
///
/// A lookup key is made of the text (see below) and looked up among the
/// table's names and alpha-3/alpha-2 codes, then among the aliases; the
/// region policy is applied to the result. Keys ignore case, punctuation,
/// accents of Latin letters (Côte d'Ivoire = COTE D IVOIRE = Cote Ivoire via
/// an alias) and a leading "The"; '&' reads as "and".
///
/// Immutable after construction (add_alias aside): safe for concurrent lookups.
///
/// \code
/// techconv::classification::country_normalizer cn;
/// cn.lookup("Peoples R China");   // "CN"
/// cn.lookup("Scotland");          // "GB"
/// techconv::classification::country_options o;
/// o.regions.taiwan = techconv::classification::territory_policy::merge_into_china;
/// cn.lookup("Taiwan", o);         // "CN"
/// \endcode
class country_normalizer {
public:
    /// \brief The built-in ISO table (249 codes) with techconv's alias list.
    country_normalizer() {
        for (const auto& c : detail::builtin_countries()) add_entry(country_entry{c.alpha2, c.alpha3, c.name});
        add_builtin_aliases();
    }
    /// \brief A given ISO table with techconv's alias list.
    /// \throws invalid_argument on a malformed or repeated alpha-2 code.
    explicit country_normalizer(const std::vector<country_entry>& table) {
        for (const auto& e : table) add_entry(e);
        add_builtin_aliases();
    }

    /// \brief Loads the ISO table from a CSV file in the layout of the
    /// Frictionless Data country-codes dataset: columns `ISO3166-1-Alpha-2`,
    /// `ISO3166-1-Alpha-3` and at least one name column among
    /// `CLDR display name`, `UNTERM English Short`, `official_name_en`
    /// (every one present is added as a lookup name; the first non-empty is
    /// the entry's name). Rows with an empty alpha-2 code are skipped.
    /// \throws parse_error (missing_column, bad_country, ...) naming file, line and field.
    /// Complexity: O(file size).
    static country_normalizer from_csv(const std::string& path) {
        io::csv_reader r(path);
        const auto a2 = r.require_column("ISO3166-1-Alpha-2");
        const auto a3 = r.require_column("ISO3166-1-Alpha-3");
        const char* name_cols[] = {"CLDR display name", "UNTERM English Short", "official_name_en"};
        std::vector<std::size_t> names;
        for (const char* n : name_cols) {
            const auto i = r.find_column(n);
            if (i >= 0) names.push_back(static_cast<std::size_t>(i));
        }
        if (names.empty()) (void)r.require_column("official_name_en");
        country_normalizer out(empty_tag{});
        while (r.next()) {
            const auto code = io::trim(r.field(a2));
            if (code.empty()) continue;
            if (!is_code(code, 2)) r.fail(error_code::bad_country, a2, "not a two-letter ISO code: '" + std::string(code) + "'");
            const auto code3 = io::trim(r.field(a3));
            if (!code3.empty() && !is_code(code3, 3))
                r.fail(error_code::bad_country, a3, "not a three-letter ISO code: '" + std::string(code3) + "'");
            country_entry e{upper(code), upper(code3), {}};
            for (const auto i : names) {
                const auto nm = io::trim(r.field(i));
                if (!nm.empty() && e.name.empty()) e.name = std::string(nm);
            }
            if (out.by_code_.count(e.alpha2) != 0)
                r.fail(error_code::bad_country, a2, "ISO code '" + e.alpha2 + "' appears twice");
            out.add_entry(e);
            for (const auto i : names) out.add_name(io::trim(r.field(i)), e.alpha2);
        }
        out.add_builtin_aliases();
        return out;
    }

    /// \brief Adds (or replaces) an alias: `name` will map to `alpha2`.
    /// \throws invalid_argument if alpha2 is not in the table or the name is empty.
    void add_alias(std::string_view name, std::string_view alpha2) {
        const std::string code = upper(alpha2);
        ::techconv::detail::require(by_code_.count(code) != 0, "add_alias: unknown ISO code '" + code + "'");
        const std::string key = detail::country_key(name);
        ::techconv::detail::require(!key.empty(), "add_alias: empty name");
        names_[key] = code;
    }

    /// \brief The alpha-2 code of `text` under `opts`, or an empty view when
    /// it is not recognised. Complexity: O(|text|) expected.
    std::string_view lookup(std::string_view text, const country_options& opts = {}) const {
        const std::string key = detail::country_key(text);
        if (key.empty()) return {};
        const std::string* code = nullptr;
        if (const auto it = names_.find(key); it != names_.end()) code = &it->second;
        if (code == nullptr && opts.input == country_input::names_and_codes) {
            const auto t = io::trim(text);
            if (is_code(t, 2) || is_code(t, 3)) {
                const std::string k = upper(t);
                if (const auto c = codes_.find(k); c != codes_.end()) code = &c->second;
            }
        }
        if (code == nullptr) return {};
        return apply_policy(*code, opts.regions);
    }

    /// \brief Like lookup(), but an unrecognised text is an error.
    /// \throws parse_error (bad_country) quoting the text, with `where` as its location.
    std::string_view normalize(std::string_view text, const country_options& opts = {},
                               const source_location& where = {}) const {
        const auto c = lookup(text, opts);
        if (c.empty())
            ::techconv::detail::throw_error<parse_error>(error_code::bad_country, where,
                                                         "unrecognised country '" + std::string(text) + "'");
        return c;
    }

    /// \brief The table entry of an alpha-2 code, or nullptr.
    const country_entry* entry(std::string_view alpha2) const {
        const auto it = by_code_.find(upper(alpha2));
        return it == by_code_.end() ? nullptr : &entries_[it->second];
    }
    /// \brief All table entries in load order.
    const std::vector<country_entry>& entries() const noexcept { return entries_; }
    /// \brief Number of ISO codes in the table.
    std::size_t size() const noexcept { return entries_.size(); }

private:
    struct empty_tag {};
    explicit country_normalizer(empty_tag) {}

    static bool is_code(std::string_view s, std::size_t n) {
        if (s.size() != n) return false;
        for (const char c : s)
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) return false;
        return true;
    }
    static std::string upper(std::string_view s) {
        std::string o(s);
        for (auto& c : o) c = io::ascii_upper(c);
        return o;
    }
    std::string_view apply_policy(const std::string& code, const region_policy& p) const {
        const bool merge = (code == "TW" && p.taiwan == territory_policy::merge_into_china) ||
                           (code == "HK" && p.hong_kong == territory_policy::merge_into_china) ||
                           (code == "MO" && p.macau == territory_policy::merge_into_china);
        if (merge) {
            if (const auto it = by_code_.find("CN"); it != by_code_.end()) return entries_[it->second].alpha2;
        }
        return code;
    }
    void add_entry(const country_entry& e) {
        ::techconv::detail::require(is_code(e.alpha2, 2), "country table: bad alpha-2 code '" + e.alpha2 + "'");
        const std::string code = upper(e.alpha2);
        ::techconv::detail::require(by_code_.count(code) == 0, "country table: alpha-2 code '" + code + "' repeated");
        by_code_.emplace(code, entries_.size());
        entries_.push_back(country_entry{code, upper(e.alpha3), e.name});
        codes_.emplace(code, code);
        if (!e.alpha3.empty()) codes_.emplace(upper(e.alpha3), code);
        add_name(e.name, code);
    }
    void add_name(std::string_view name, const std::string& code) {
        const std::string key = detail::country_key(name);
        if (!key.empty()) names_.emplace(key, code);  // first name wins
    }
    void add_builtin_aliases() {
        for (const auto& a : detail::builtin_aliases())
            if (by_code_.count(a.second) != 0) names_[a.first] = a.second;
    }

    std::vector<country_entry> entries_;
    std::unordered_map<std::string, std::size_t> by_code_;
    std::unordered_map<std::string, std::string> codes_;  // alpha-2 and alpha-3 -> alpha-2
    std::unordered_map<std::string, std::string> names_;  // lookup key -> alpha-2
};

}  // namespace classification
TECHCONV_NAMESPACE_END

#endif  // TECHCONV_CLASSIFICATION_COUNTRY_HPP_
