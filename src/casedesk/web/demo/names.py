"""Word lists the demo firm is composed from. Every person and company here is fictional.

Names are *composed* from these lists by :mod:`casedesk.web.demo.firm`, so no combination is meant
to be anyone real. The lists cover the naming traditions a US firm meets every day: two-surname
Hispanic names, hyphenated names, Vietnamese names (with their diacritics), Arabic and Chinese
names in romanisation and a few in their own scripts, and companies in every corporate form.
"""

from __future__ import annotations

# (first name, nickname or "") - the nickname becomes a "nickname" alias now and then.
ANGLO_FIRST: tuple[tuple[str, str], ...] = (
    ("Robert", "Bob"), ("Margaret", "Peggy"), ("William", "Bill"), ("Elizabeth", "Liz"),
    ("James", "Jim"), ("Katherine", "Kate"), ("Richard", "Dick"), ("Patricia", "Trish"),
    ("Thomas", "Tom"), ("Jennifer", "Jen"), ("Michael", "Mike"), ("Susan", "Sue"),
    ("Christopher", "Chris"), ("Deborah", "Debbie"), ("Anthony", "Tony"), ("Rebecca", "Becky"),
    ("Daniel", "Dan"), ("Victoria", "Vicky"), ("Joseph", "Joe"), ("Samantha", "Sam"),
    ("Andrew", ""), ("Emily", ""), ("Gregory", "Greg"), ("Abigail", "Abby"),
    ("Nathaniel", "Nate"), ("Olivia", ""), ("Theodore", "Ted"), ("Harriet", "Hattie"),
    ("Douglas", "Doug"), ("Claire", ""), ("Raymond", "Ray"), ("Judith", "Judy"),
)
ANGLO_LAST: tuple[str, ...] = (
    "Whitfield", "Harrington", "Caldwell", "Pemberton", "Ashworth", "Blackwood", "Thornton",
    "Prescott", "Holloway", "Kensington", "Lockhart", "Merriweather", "Fairbanks", "Stanhope",
    "O'Donnell", "O'Rourke", "McAllister", "MacLennan", "Van Buskirk", "DeWitt", "Quinlan",
    "Abernathy", "Galloway", "Sutherland", "Ridley", "Cavanaugh", "Templeton", "Winslow",
    "Okonkwo", "Adeyemi", "Kowalczyk", "Lindqvist", "Novak", "Papadakis", "Johansson", "Brennan",
)
HISPANIC_FIRST: tuple[str, ...] = (
    "José Luis", "María Elena", "Juan Carlos", "Guadalupe", "Luis Alberto", "Carmen", "Alejandro",
    "Lucía", "Javier", "Sofía", "Fernando", "Isabel", "Rodrigo", "Ximena", "Ramón", "Marisol",
)
HISPANIC_SURNAMES: tuple[str, ...] = (
    "García", "López", "Hernández", "Ruiz", "Martínez", "Ortega", "Rodríguez", "Vega", "González",
    "Castillo", "Pérez", "Morales", "Sánchez", "Delgado", "Ramírez", "Ibarra", "Torres", "Mendoza",
    "Flores", "Aguilar", "Navarro", "Salazar", "Cervantes", "Villanueva", "Espinoza", "Cabrera",
    "Fuentes", "Cárdenas", "Montoya", "Peña",
)
HYPHENATED_LAST: tuple[str, ...] = (
    "Harrington-Blake", "Okafor-Williams", "Lee-Chen", "Fitzgerald-Moore", "Alvarez-Kim",
    "Novak-Hughes", "Bishara-Grant", "Tran-Whitaker", "Sato-Jennings", "Duarte-Lindgren",
)
VIETNAMESE_FAMILY: tuple[str, ...] = (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý",
)
VIETNAMESE_MIDDLE: tuple[str, ...] = ("Văn", "Thị", "Minh", "Đức", "Thanh", "Ngọc", "Quốc", "Hữu", "Thu")
VIETNAMESE_GIVEN: tuple[str, ...] = (
    "An", "Bảo", "Châu", "Dũng", "Hà", "Hải", "Hương", "Khoa", "Lan", "Linh", "Long", "Mai",
    "Nam", "Phương", "Quân", "Thảo", "Trâm", "Tuấn", "Vy", "Phước",
)
ARABIC_FIRST: tuple[str, ...] = (
    "Mohammed", "Ahmed", "Fatima", "Aisha", "Omar", "Layla", "Yousef", "Khalid", "Mariam",
    "Hassan", "Nour", "Rania", "Tariq", "Samira", "Karim", "Huda",
)
ARABIC_LAST: tuple[str, ...] = (
    "Al-Rashid", "El-Sayed", "Haddad", "Khoury", "Mansour", "Nasser", "Abdelrahman", "Al-Farsi",
    "Saleh", "Qasim", "Darwish", "Bishara", "Aziz", "Hamdan", "Abu Zayd",
)
CHINESE_GIVEN: tuple[str, ...] = (
    "Wei", "Jing", "Xiaoming", "Mei", "Jun", "Yan", "Hao", "Ling", "Zhiwei", "Xiuying",
    "Ka-Ming", "Wai Man", "Yuting", "Jianguo",
)
CHINESE_FAMILY: tuple[str, ...] = (
    "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Lin", "Chan",
    "Wong", "Cheung", "Leung",
)
OTHER_PEOPLE: tuple[tuple[str, str], ...] = (
    ("Priya", "Raghunathan"), ("Chukwuemeka", "Eze"), ("Min-jun", "Kim"), ("Seo-yeon", "Park"),
    ("Aleksandr", "Volkov"), ("Ingrid", "Halvorsen"), ("Kenji", "Watanabe"), ("Yuki", "Morimoto"),
    ("Oluwaseun", "Bakare"), ("Giulia", "Moretti"), ("Tomasz", "Wiśniewski"), ("Siobhán", "Ní Bhriain"),
    ("Aroha", "Te Whare"), ("Dmitri", "Sokolov"), ("Anjali", "Venkataraman"), ("Björn", "Ekström"),
)
# Written in their own scripts, with the romanisation the client also uses (an alias).
OWN_SCRIPT: tuple[tuple[str, str], ...] = (
    ("王秀英", "Wang Xiuying"),
    ("李志伟", "Li Zhiwei"),
    ("陈美玲", "Chen Meiling"),
    ("محمد الراشد", "Mohammed Al-Rashid"),
    ("فاطمة حداد", "Fatima Haddad"),
    ("Ольга Смирнова", "Olga Smirnova"),
    ("Γιώργος Παπαδόπουλος", "Giorgos Papadopoulos"),
    ("김서연", "Kim Seo-yeon"),
)

# Company names: a distinctive word, a trade, and a corporate form.
ORG_WORDS: tuple[str, ...] = (
    "Harborline", "Redwood Ridge", "Meridian", "Bluestem", "Copperfield", "Northgate", "Sierra Vista",
    "Tidewater", "Granite Peak", "Silverlake", "Ironbridge", "Lakeshore", "Cascadia", "Summit Crest",
    "Brightwater", "Old Mill", "Pinecrest", "Golden Poppy", "Bayview", "Foxglove", "Marigold",
    "Kestrel", "Windward", "Half Moon", "Lantern", "Juniper", "Cobalt", "Orchard Lane", "Stonegate",
    "Evergreen Hollow", "Sandpiper", "Quarry Hill", "Amberfield", "Driftwood", "Ravenscroft",
    "Thistle & Rye", "Mesa Verde", "Prairie Wind", "Alder Creek", "Saffron",
)
ORG_TRADES: tuple[str, ...] = (
    "Logistics", "Properties", "Biotech", "Construction", "Software", "Foods", "Dental Group",
    "Auto Body", "Holdings", "Capital Partners", "Medical Supply", "Bakery", "Landscaping",
    "Manufacturing", "Apparel", "Realty", "Trucking", "Insurance Agency", "Restaurant Group",
    "Pharmaceuticals", "Solar", "Textiles", "Imports", "Consulting", "Brewing",
)
# Every corporate form the conflict engine knows, as firms actually write them.
CORPORATE_FORMS: tuple[str, ...] = (
    "Inc.", "Incorporated", ", Inc.", "Corp.", "Corporation", "Co.", "Company", "LLC", "L.L.C.",
    "Limited Liability Company", "LLP", "L.P.", "LP", "LLLP", "Ltd.", "Limited", "PLLC", "P.C.",
    "Professional Corporation", "P.A.", "N.A.", "PLC", "GmbH", "AG", "S.A.", "S.A. de C.V.",
    "S.r.l.", "S.p.A.", "B.V.", "N.V.", "Pty Ltd", "Association",
)
# (form, trade) pairs that read naturally for the professional and banking forms.
FORM_TRADE_OVERRIDES: dict[str, tuple[str, ...]] = {
    "PLLC": ("Dental Group", "Consulting", "Medical Supply"),
    "P.C.": ("Dental Group", "Consulting"),
    "Professional Corporation": ("Dental Group",),
    "P.A.": ("Consulting", "Dental Group"),
    "N.A.": ("Bank",),
    "Association": ("Homeowners", "Growers"),
}
COOPERATIVES: tuple[str, ...] = (
    "Pacific Coast Growers Cooperative", "Valley Dairy Farmers Cooperative", "Delta Rice Growers Cooperative",
)
# Insurers, lenders and landlords who turn up again and again as adverse parties.
REPEAT_ADVERSARIES: tuple[tuple[str, str], ...] = (
    ("Golden Poppy Mutual Insurance Company", "GPMIC"),
    ("Tidewater Casualty Insurance Co.", "Tidewater Casualty"),
    ("First Meridian Bank, N.A.", "FMB"),
    ("Stonegate Residential Properties LLC", "Stonegate Residential"),
    ("Cascadia Consumer Finance Corp.", "CCFC"),
    ("Ironbridge Staffing Solutions, Inc.", "Ironbridge Staffing"),
)
LAW_FIRMS: tuple[str, ...] = (
    "Whitaker & Baines LLP", "Morrow Castellanos PC", "Ostrowski Lee & Partners LLP",
    "Delacroix Huang LLP", "Fairmont Legal Group, P.C.", "Bishop Oduya LLP",
    "Kwan Hartley & Stroud LLP", "Ravel & Quint PLLC",
)
# Streets and cities for addresses (fictional street numbers; real cities).
STREETS: tuple[str, ...] = (
    "Alder Street", "Bayshore Boulevard", "Chestnut Avenue", "Dolores Way", "El Camino Real",
    "Fremont Street", "Grand Avenue", "Harbor Drive", "Industrial Parkway", "Juniper Lane",
    "Kearny Street", "Lincoln Avenue", "Mission Street", "Northgate Road", "Oak Grove Court",
    "Pacific Avenue", "Quarry Road", "Riverside Drive", "Sutter Street", "Telegraph Avenue",
)
CITIES: tuple[tuple[str, str, str], ...] = (
    ("San Francisco", "CA", "941"), ("Oakland", "CA", "946"), ("San Jose", "CA", "951"),
    ("Los Angeles", "CA", "900"), ("Long Beach", "CA", "908"), ("Fresno", "CA", "937"),
    ("New York", "NY", "100"), ("Brooklyn", "NY", "112"), ("Houston", "TX", "770"),
    ("Pasadena", "TX", "775"), ("Chicago", "IL", "606"), ("Sacramento", "CA", "958"),
)
AREA_CODES: dict[str, tuple[str, ...]] = {
    "CA": ("415", "510", "408", "213", "562", "559", "916"),
    "NY": ("212", "718", "646"),
    "TX": ("713", "281", "832"),
    "IL": ("312", "773"),
}
