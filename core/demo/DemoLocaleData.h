#pragma once

// Raw, UTF-8 source tables behind DemoDataGenerator: one LocaleSpec per country the demo people come
// from. Internal to core/demo; DemoDataGenerator turns them into QString tables once per process.

#include <span>

namespace outpost::demo {

enum class PostalFormat
{
    Digits4,    // NNNN            (NO, HU)
    Digits5,    // NNNNN           (DE, FR, ES, MX, IT, TR, US, VN)
    Digits6,    // NNNNNN          (RO)
    DashedPl,   // NN-NNN          (PL)
    SpacedCzSe, // NNN NN          (CZ, SE)
    DashedBr,   // NNNNN-NNN       (BR)
    Nl,         // NNNN LL         (NL)
    Gb,         // AA9 9AA / A99 9AA (GB); district range in lo..hi, area letters in postPrefix
};

// How a street line is put together (house number position, flat/door suffixes, …).
enum class StreetStyle
{
    De,
    Fr,
    Es,
    Mx,
    It,
    Br,
    Pl,
    Cz,
    Tr,
    Se,
    No,
    Nl,
    Vn,
    Gb,
    Us,
    Ro,
    Hu
};

struct CitySpec
{
    const char* name;
    int postalLo; // postal code range (numeric part) for this city
    int postalHi;
    const char* landline;   // national landline pattern without trunk prefix; '#' = random digit
    const char* postPrefix; // GB postcode area letters, else nullptr
};

struct LastNameSpec
{
    const char* male;
    const char* female; // nullptr when the name does not change with gender
};

struct LocaleSpec
{
    const char* tag;          // BCP 47, for diagnostics only
    const char* country;      // ISO 3166-1 alpha-2
    const char* language;     // English name of the language, used in notes
    int weight;               // relative share of people
    double lastNameSkew;      // > 1 concentrates on the first entries (Nguyễn, Kim, …)
    int doubleSurnamePercent; // es/mx/br: "García López"
    bool germanUmlauts;       // fold ä/ö/ü as ae/oe/ue in e-mail addresses (else a/o/u)
    bool industryFirst;       // "Transportes García" vs "Müller Logistik"
    std::span<const char* const> maleFirst;
    std::span<const char* const> femaleFirst;
    std::span<const LastNameSpec> lastNames;
    std::span<const CitySpec> cities;
    PostalFormat postalFormat;
    std::span<const char* const> streets;
    StreetStyle streetStyle;
    std::span<const char* const> mobilePatterns; // full international patterns, '#' = random digit
    const char* countryCallingCode;              // "+49"
    int landlinePercent;                         // share of phones that use the city's landline
    std::span<const char* const> legalForms;     // repeated entries weight them; trailing ' ' = prefix form
    std::span<const char* const> industries;
    std::span<const char* const> brands;
    std::span<const char* const> freeMailDomains;
    const char* companyTld; // "de", "co.uk", "com.br"
};

std::span<const LocaleSpec> localeSpecs();

// Locale-neutral pieces used in notes.
std::span<const char* const> noteTemplates();
std::span<const char* const> noteProducts();
std::span<const char* const> noteChannels();

// Address extras: Mexican "colonia" and Turkish "mahalle" names.
std::span<const char* const> mexicanColonias();
std::span<const char* const> turkishNeighbourhoods();

} // namespace outpost::demo
