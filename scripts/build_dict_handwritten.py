"""Hand-written source data for kansli's dictionaries.

This file IS the source of agencies.tsv, utgiftsomraden.tsv and the
hand-written part of names.tsv. Edit here, then run
`python3 scripts/build_dictionaries.py` (or `--only handwritten`).
Written from general knowledge of the Swedish state (c. 2014-2024);
no third-party data. Same licence as the kansli repository.
"""

# ---------------------------------------------------------------------------
# Utgiftsområden (expenditure areas) of the state budget, as named in the
# budget propositions for 2020 (prop. 2019/20:1).
# ---------------------------------------------------------------------------
UTGIFTSOMRADEN = [
    (1, "Rikets styrelse"),
    (2, "Samhällsekonomi och finansförvaltning"),
    (3, "Skatt, tull och exekution"),
    (4, "Rättskipning"),
    (5, "Internationell samverkan"),
    (6, "Försvar och samhällets krisberedskap"),
    (7, "Internationellt bistånd"),
    (8, "Migration"),
    (9, "Hälsovård, sjukvård och social omsorg"),
    (10, "Ekonomisk trygghet vid sjukdom och funktionsnedsättning"),
    (11, "Ekonomisk trygghet vid ålderdom"),
    (12, "Ekonomisk trygghet för familjer och barn"),
    (13, "Jämställdhet och nyanlända invandrares etablering"),
    (14, "Arbetsmarknad och arbetsliv"),
    (15, "Studiestöd"),
    (16, "Utbildning och universitetsforskning"),
    (17, "Kultur, medier, trossamfund och fritid"),
    (18, "Samhällsplanering, bostadsförsörjning och byggande samt konsumentpolitik"),
    (19, "Regional utveckling"),
    (20, "Allmän miljö- och naturvård"),
    (21, "Energi"),
    (22, "Kommunikationer"),
    (23, "Areella näringar, landsbygd och livsmedel"),
    (24, "Näringsliv"),
    (25, "Allmänna bidrag till kommuner"),
    (26, "Statsskuldsräntor m.m."),
    (27, "Avgiften till Europeiska unionen"),
]

# ---------------------------------------------------------------------------
# Government bodies: (name, abbreviation, kind)
# kind: ministry | agency | organisation | court | region_body | other
# Ministry abbreviations are the prefixes used in Regeringskansliet's
# diarienummer (e.g. S2020/01234).
# ---------------------------------------------------------------------------
AGENCIES = [
    # --- Regeringskansliet and ministries (2014-2024 organisation) ---
    ("Regeringskansliet", "RK", "ministry"),
    ("Regeringen", "", "other"),
    ("Statsrådsberedningen", "SB", "ministry"),
    ("Arbetsmarknadsdepartementet", "A", "ministry"),
    ("Finansdepartementet", "Fi", "ministry"),
    ("Försvarsdepartementet", "Fö", "ministry"),
    ("Infrastrukturdepartementet", "I", "ministry"),
    ("Justitiedepartementet", "Ju", "ministry"),
    ("Kulturdepartementet", "Ku", "ministry"),
    ("Landsbygdsdepartementet", "L", "ministry"),
    ("Miljödepartementet", "M", "ministry"),
    ("Miljö- och energidepartementet", "M", "ministry"),
    ("Näringsdepartementet", "N", "ministry"),
    ("Socialdepartementet", "S", "ministry"),
    ("Utbildningsdepartementet", "U", "ministry"),
    ("Utrikesdepartementet", "UD", "ministry"),
    ("Klimat- och näringslivsdepartementet", "KN", "ministry"),
    ("Landsbygds- och infrastrukturdepartementet", "LI", "ministry"),
    ("Förvaltningsavdelningen", "FA", "ministry"),
    # --- Riksdag and its bodies ---
    ("Riksdagen", "", "other"),
    ("Sveriges riksdag", "", "other"),
    ("Riksdagsförvaltningen", "", "agency"),
    ("Riksrevisionen", "RiR", "agency"),
    ("Riksdagens ombudsmän", "JO", "agency"),
    ("Justitieombudsmannen", "JO", "agency"),
    ("Riksbanken", "", "agency"),
    ("Sveriges riksbank", "", "agency"),
    ("Finansutskottet", "FiU", "other"),
    ("Socialutskottet", "SoU", "other"),
    ("Konstitutionsutskottet", "KU", "other"),
    ("Justitiekanslern", "JK", "agency"),
    # --- Finance / economy ---
    ("Kammarkollegiet", "", "agency"),
    ("Ekonomistyrningsverket", "ESV", "agency"),
    ("Riksgälden", "RG", "agency"),
    ("Riksgäldskontoret", "RGK", "agency"),
    ("Skatteverket", "SKV", "agency"),
    ("Tullverket", "", "agency"),
    ("Kronofogdemyndigheten", "KFM", "agency"),
    ("Finansinspektionen", "FI", "agency"),
    ("Konjunkturinstitutet", "KI", "agency"),
    ("Statistiska centralbyrån", "SCB", "agency"),
    ("Statskontoret", "", "agency"),
    ("Finanspolitiska rådet", "", "agency"),
    ("Lotteriinspektionen", "", "agency"),
    ("Spelinspektionen", "", "agency"),
    ("Bolagsverket", "", "agency"),
    ("Statens servicecenter", "SSC", "agency"),
    ("Upphandlingsmyndigheten", "", "agency"),
    ("Konkurrensverket", "KKV", "agency"),
    ("Arbetsgivarverket", "", "agency"),
    ("Statens tjänstepensionsverk", "SPV", "agency"),
    ("Ekobrottsmyndigheten", "EBM", "agency"),
    ("Myndigheten för digital förvaltning", "DIGG", "agency"),
    ("Verket för förvaltningsutveckling", "Verva", "agency"),
    ("Myndigheten för tillgängliga medier", "MTM", "agency"),
    # --- Health and social affairs ---
    ("Socialstyrelsen", "SoS", "agency"),
    ("Folkhälsomyndigheten", "FoHM", "agency"),
    ("Försäkringskassan", "FK", "agency"),
    ("Pensionsmyndigheten", "PM", "agency"),
    ("Inspektionen för vård och omsorg", "IVO", "agency"),
    ("Inspektionen för socialförsäkringen", "ISF", "agency"),
    ("Tandvårds- och läkemedelsförmånsverket", "TLV", "agency"),
    ("Läkemedelsverket", "LV", "agency"),
    ("E-hälsomyndigheten", "EHM", "agency"),
    ("Statens beredning för medicinsk och social utvärdering", "SBU", "agency"),
    ("Myndigheten för vård- och omsorgsanalys", "", "agency"),
    ("Vårdanalys", "", "agency"),
    ("Statens institutionsstyrelse", "SiS", "agency"),
    ("Myndigheten för familjerätt och föräldraskapsstöd", "MFoF", "agency"),
    ("Myndigheten för delaktighet", "MFD", "agency"),
    ("Barnombudsmannen", "BO", "agency"),
    ("Rättsmedicinalverket", "RMV", "agency"),
    ("Statens medicinsk-etiska råd", "SMER", "agency"),
    ("Smittskyddsinstitutet", "SMI", "agency"),
    ("Statens folkhälsoinstitut", "FHI", "agency"),
    ("Hälso- och sjukvårdens ansvarsnämnd", "HSAN", "agency"),
    ("Nämnden för statligt stöd till trossamfund", "SST", "agency"),
    ("Myndigheten för stöd till trossamfund", "SST", "agency"),
    ("Gentekniknämnden", "", "agency"),
    ("Etikprövningsmyndigheten", "EPM", "agency"),
    ("Centrala etikprövningsnämnden", "CEPN", "agency"),
    ("Strålsäkerhetsmyndigheten", "SSM", "agency"),
    ("Livsmedelsverket", "SLV", "agency"),
    ("Jämställdhetsmyndigheten", "", "agency"),
    # --- Labour market / education / research ---
    ("Arbetsförmedlingen", "AF", "agency"),
    ("Arbetsmiljöverket", "AV", "agency"),
    ("Inspektionen för arbetslöshetsförsäkringen", "IAF", "agency"),
    ("Institutet för arbetsmarknads- och utbildningspolitisk utvärdering", "IFAU", "agency"),
    ("Medlingsinstitutet", "", "agency"),
    ("Diskrimineringsombudsmannen", "DO", "agency"),
    ("Skolverket", "", "agency"),
    ("Statens skolverk", "", "agency"),
    ("Skolinspektionen", "", "agency"),
    ("Specialpedagogiska skolmyndigheten", "SPSM", "agency"),
    ("Sameskolstyrelsen", "", "agency"),
    ("Universitetskanslersämbetet", "UKÄ", "agency"),
    ("Universitets- och högskolerådet", "UHR", "agency"),
    ("Centrala studiestödsnämnden", "CSN", "agency"),
    ("Myndigheten för yrkeshögskolan", "MYH", "agency"),
    ("Vetenskapsrådet", "VR", "agency"),
    ("Verket för innovationssystem", "Vinnova", "agency"),
    ("Vinnova", "", "agency"),
    ("Forskningsrådet för hälsa, arbetsliv och välfärd", "Forte", "agency"),
    ("Forte", "", "agency"),
    ("Formas", "", "agency"),
    ("Forskningsrådet för miljö, areella näringar och samhällsbyggande", "Formas", "agency"),
    ("Rymdstyrelsen", "", "agency"),
    ("Karolinska institutet", "KI", "agency"),
    ("Uppsala universitet", "UU", "agency"),
    ("Lunds universitet", "LU", "agency"),
    ("Göteborgs universitet", "GU", "agency"),
    ("Stockholms universitet", "SU", "agency"),
    ("Kungliga Tekniska högskolan", "KTH", "agency"),
    ("Myndigheten för ungdoms- och civilsamhällesfrågor", "MUCF", "agency"),
    ("Kulturrådet", "", "agency"),
    ("Statens kulturråd", "", "agency"),
    ("Riksarkivet", "RA", "agency"),
    ("Kungliga biblioteket", "KB", "agency"),
    ("Myndigheten för press, radio och tv", "MPRT", "agency"),
    ("Myndigheten för kulturanalys", "", "agency"),
    ("Riksantikvarieämbetet", "RAÄ", "agency"),
    ("Institutet för språk och folkminnen", "Isof", "agency"),
    # --- Justice / security / defence ---
    ("Polismyndigheten", "", "agency"),
    ("Rikspolisstyrelsen", "RPS", "agency"),
    ("Säkerhetspolisen", "Säpo", "agency"),
    ("Åklagarmyndigheten", "", "agency"),
    ("Kriminalvården", "KVV", "agency"),
    ("Brottsförebyggande rådet", "Brå", "agency"),
    ("Brottsoffermyndigheten", "", "agency"),
    ("Domstolsverket", "DV", "agency"),
    ("Migrationsverket", "MV", "agency"),
    ("Myndigheten för samhällsskydd och beredskap", "MSB", "agency"),
    ("Myndigheten för psykologiskt försvar", "MPF", "agency"),
    ("Försvarsmakten", "FM", "agency"),
    ("Försvarets materielverk", "FMV", "agency"),
    ("Totalförsvarets forskningsinstitut", "FOI", "agency"),
    ("Försvarets radioanstalt", "FRA", "agency"),
    ("Plikt- och prövningsverket", "", "agency"),
    ("Fortifikationsverket", "", "agency"),
    ("Kustbevakningen", "KBV", "agency"),
    ("Integritetsskyddsmyndigheten", "IMY", "agency"),
    ("Datainspektionen", "", "agency"),
    ("Högsta domstolen", "HD", "court"),
    ("Högsta förvaltningsdomstolen", "HFD", "court"),
    ("Regeringsrätten", "RegR", "court"),
    ("Svea hovrätt", "", "court"),
    ("Göta hovrätt", "", "court"),
    ("Hovrätten över Skåne och Blekinge", "", "court"),
    ("Hovrätten för Västra Sverige", "", "court"),
    ("Hovrätten för Nedre Norrland", "", "court"),
    ("Hovrätten för Övre Norrland", "", "court"),
    ("Kammarrätten i Stockholm", "", "court"),
    ("Kammarrätten i Göteborg", "", "court"),
    ("Kammarrätten i Jönköping", "", "court"),
    ("Kammarrätten i Sundsvall", "", "court"),
    ("Förvaltningsrätten i Stockholm", "", "court"),
    ("Stockholms tingsrätt", "", "court"),
    ("Migrationsöverdomstolen", "MIG", "court"),
    ("Arbetsdomstolen", "AD", "court"),
    ("Patent- och marknadsöverdomstolen", "PMÖD", "court"),
    ("Patent- och marknadsdomstolen", "PMD", "court"),
    # --- Infrastructure, environment, business ---
    ("Boverket", "", "agency"),
    ("Trafikverket", "TRV", "agency"),
    ("Transportstyrelsen", "TS", "agency"),
    ("Trafikanalys", "", "agency"),
    ("Lantmäteriet", "LM", "agency"),
    ("Post- och telestyrelsen", "PTS", "agency"),
    ("Energimyndigheten", "", "agency"),
    ("Statens energimyndighet", "STEM", "agency"),
    ("Energimarknadsinspektionen", "Ei", "agency"),
    ("Naturvårdsverket", "NV", "agency"),
    ("Havs- och vattenmyndigheten", "HaV", "agency"),
    ("Sveriges meteorologiska och hydrologiska institut", "SMHI", "agency"),
    ("Sveriges geologiska undersökning", "SGU", "agency"),
    ("Kemikalieinspektionen", "KemI", "agency"),
    ("Jordbruksverket", "SJV", "agency"),
    ("Statens jordbruksverk", "SJV", "agency"),
    ("Skogsstyrelsen", "SKS", "agency"),
    ("Statens veterinärmedicinska anstalt", "SVA", "agency"),
    ("Sveriges lantbruksuniversitet", "SLU", "agency"),
    ("Tillväxtverket", "", "agency"),
    ("Myndigheten för tillväxtpolitiska utvärderingar och analyser", "", "agency"),
    ("Tillväxtanalys", "", "agency"),
    ("Konsumentverket", "KOV", "agency"),
    ("Kommerskollegium", "KK", "agency"),
    ("Exportkreditnämnden", "EKN", "agency"),
    ("Styrelsen för ackreditering och teknisk kontroll", "Swedac", "agency"),
    ("Patent- och registreringsverket", "PRV", "agency"),
    ("Sametinget", "", "agency"),
    ("Länsstyrelsen", "Lst", "agency"),
    ("Länsstyrelsen i Stockholms län", "", "agency"),
    ("Länsstyrelsen i Västra Götalands län", "", "agency"),
    ("Länsstyrelsen i Skåne län", "", "agency"),
    ("Styrelsen för internationellt utvecklingssamarbete", "Sida", "agency"),
    ("Sida", "", "agency"),
    ("Folke Bernadotteakademin", "FBA", "agency"),
    ("Svenska institutet", "SI", "agency"),
    ("Valmyndigheten", "", "agency"),
    ("Statens haverikommission", "SHK", "agency"),
    ("Valideringsdelegationen", "", "other"),
    ("Delegationen för migrationsstudier", "Delmi", "other"),
    ("Coronakommissionen", "", "other"),
    ("Krisberedskapsmyndigheten", "KBM", "agency"),
    ("Apoteket AB", "", "other"),
    ("Systembolaget", "", "other"),
    ("Samhall", "", "other"),
    ("Svenska kraftnät", "SvK", "agency"),
    ("Sjöfartsverket", "SjöV", "agency"),
    ("Luftfartsverket", "LFV", "agency"),
    # --- Organisations and region/municipal bodies ---
    ("Sveriges Kommuner och Regioner", "SKR", "organisation"),
    ("Sveriges Kommuner och Landsting", "SKL", "organisation"),
    ("Inera", "", "organisation"),
    ("Landsorganisationen i Sverige", "LO", "organisation"),
    ("Tjänstemännens centralorganisation", "TCO", "organisation"),
    ("Sveriges akademikers centralorganisation", "Saco", "organisation"),
    ("Svenskt Näringsliv", "", "organisation"),
    ("Sveriges läkarförbund", "", "organisation"),
    ("Vårdförbundet", "", "organisation"),
    ("Kommunal", "", "organisation"),
    ("Vision", "", "organisation"),
    ("Läkemedelsindustriföreningen", "LIF", "organisation"),
    ("Världshälsoorganisationen", "WHO", "organisation"),
    ("Europeiska unionen", "EU", "organisation"),
    ("Europeiska kommissionen", "", "organisation"),
    ("Förenta nationerna", "FN", "organisation"),
    ("Organisationen för ekonomiskt samarbete och utveckling", "OECD", "organisation"),
    ("Europeiska centrumet för förebyggande och kontroll av sjukdomar", "ECDC", "organisation"),
    ("Europeiska läkemedelsmyndigheten", "EMA", "organisation"),
    ("Nationella rådet för organdonation och vävnadsdonation", "", "other"),
    ("Regionstyrelsen", "", "region_body"),
    ("Regionfullmäktige", "", "region_body"),
    ("Kommunstyrelsen", "KS", "region_body"),
    ("Kommunfullmäktige", "KF", "region_body"),
    ("Socialnämnden", "", "region_body"),
    ("Hälso- och sjukvårdsnämnden", "HSN", "region_body"),
    ("Landstingsstyrelsen", "", "region_body"),
    ("Landstingsfullmäktige", "", "region_body"),
    ("Regionala cancercentrum", "RCC", "region_body"),
    ("Regionalt cancercentrum", "RCC", "region_body"),
    ("Kommunförbundet", "", "region_body"),
    ("Samordningsförbund", "", "region_body"),
]

# ---------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------
FIRST_NAMES = """
Adam Agnes Albin Alexander Alfred Alice Alma Ambjörn Amanda Anders Andreas Ann
Anna Annelie Anne Anneli Annika Anton Ardalan Arvid Astrid Axel Barbro Bengt
Berit Birgitta Björn Bo Börje Britt Camilla Carin Carina Carl Carola Caroline
Cecilia Charlotte Christer Christian Christina Daniel David Ebba Edvin Elias
Elin Elisabeth Elisabet Ellen Elsa Emil Emilia Emma Erik Eva Evelina Filip Fredrik
Frida Gabriel Gerd Gert Gunilla Gunnar Gun Gustav Gustaf Göran Hanna Hans Harald
Helen Helena Helene Heléne Henrik Hugo Ibrahim Ida Inga Inger Ingrid Isabella
Isak Jakob Jan Jennie Jenny Jens Jessica Jessika Joakim Johan Johanna Johannes
John Jonas Jonathan Josefin Julia Jörgen Kajsa Karin Karl Karolina Katarina
Kerstin Khashayar Kim Klara Kristina Kristoffer Lars Lena Lennart Leo Linda
Linnea Lisa Lotta Louise Lovisa Ludvig Magdalena Magnus Maja Malin Margareta
Margot Maria Marie Marianne Martin Mats Matilda Mattias Max Mehmet Mikael Moa
Monica Morgan Måns Märta Nils Niklas Nora Olle Olof Oliver Oscar Oskar Pål Patrik
Paulina Per Peter Petra Pia Ragnar Rebecka Rolf Romina Rune Sara Sebastian Siv
Sofia Sofie Stefan Sten Stig Susanne Sven Svante Therese Thomas Tobias Tomas
Torbjörn Tove Ulf Ulla Ulrika Urban Valter Vera Viktor Vilhelm Wilma Yvonne
Ylva Åke Åsa Ingemar Ingvar Jeanette Lina Mona Annie Parisa Jakob Acko Benjamin
Aida Alva Amelia Astor Bertil Brita Dag Dan Egon Einar Ella Elvira Folke Frans
Freja Greta Gösta Hampus Hedvig Helmer Hilda Ingela Ingegerd Ingeborg Ivar
Janne Jimmy Johnny Kent Kenneth Knut Leif Liam Lucas Lukas Malte Marcus Markus
Melvin Mira Nellie Noah Olivia Otto Roger Rut Selma Signe Sigrid Sixten Stina
Tage Thea Thor Tilde Tora Tuva Tyra Ture Valdemar Vincent Wilhelm Elof Agneta
Anette Anita Birgit Brith Doris Elvy Gudrun Gunnel Hjalmar Ingemund Irene Lillemor
Maud Mikaela Nina Ola Ove Rickard Robert Roland Sanna Sune Torsten Ulrica Veronica
""".split() + ["Sven-Erik", "Karl-Petter", "Carl-Oskar", "Anna-Caren", "Ann-Marie",
               "Ann-Sofie", "Lars-Erik", "Per-Olof", "Jan-Erik", "Eva-Lena"]

SURNAMES = """
Aarflot Abrahamsson Adolfsson Ahlberg Ahlström Alm Andersson Ankarberg Arvidsson
Axelsson Bah Baylan Berg Berggren Berglund Bergman Bergqvist Bergström Billström
Björk Björklund Blom Blomqvist Bolund Bohlin Brandberg Brändström Britz Bucht
Busch Carlson Carlsson Dahl Dahlberg Dahlgren Damberg Danielsson Dousa Edholm
Ekberg Ekdahl Ekholm Ekström Elger Eliasson Engström Eneroth Eriksson Ernkrans
Falk Farmanbar Fors Forsberg Forslund Forssell Forssmed Fredriksson Fridolin
Fritzon Fransson Gustafsdotter Gustafsson Göransson Hadzialic Hallberg Hallengren
Hansson Hedberg Hedlund Hellberg Hellmark Hellström Henriksson Hermansson
Holm Holmberg Holmgren Holmqvist Hultqvist Håkansson Isaksson Ivarsson Jakobsson
Jansson Jensen Johansson Jonsson Jonson Josefsson Jönsson Kaplan Karkiainen
Karlsson Kihlblom Knutsson Kristersson Kristiansson Kuhnke Kullgren Larsson
Lind Lindberg Lindblom Linde Lindgren Lindhagen Lindholm Lindqvist Lindström
Liljestrand Ljungberg Lund Lundberg Lundgren Lundin Lundqvist Lundström Lövin
Löfven Magnusson Malm Malmberg Malmer Martinsson Mattsson Micko Mohammed Månsson
Mårtensson Nilsson Nordberg Nordin Nordmark Nordström Norberg Nyberg Nyström
Olofsson Olsson Oskarsson Paues Pehrson Persson Petersson Pettersson Pourmokhtari
Regnér Roswall Romson Rosencrantz Rydberg Samuelsson Sandberg Sandström
Shekarabi Sjöberg Sjögren Skog Slottner Stenevi Stenergard Strand Strandhäll
Strandberg Strömberg Strömmer Sundberg Sundin Sundström Svantesson Svensson
Svärd Sätherberg Söderberg Söderström Tenje Thorwaldsson Wallin Wallström
Waltersson Wikström Wiklund Wykman Ygeman Åberg Åkesson Åström Öberg Ölund
Andersen Backman Bengtsson Berglöf Blomberg Boström Dahlqvist Ek Ekman
Englund Ericsson Fors Granberg Grönvall Gustavsson Hammar Hedman Holmström
Isberg Jakobson Karlström Kjellberg Lindahl Lindén Lindell Lundell Lundh
Malmström Nygren Nylund Nyman Olander Palm Palmqvist Pålsson Rask Rosén
Sahlin Sjöström Skoglund Stenberg Sundqvist Svensk Tell Ulvskog Vikström
Westberg Westerberg Wallén Zetterberg Åhman Österberg Bildt Reinfeldt Persson
Borg Odell Hägglund Björling Sabuni Thor Kinberg Batra Lööf Sjöstedt Dadgostar
Kristersson Ohlsson Widegren Jeppsson Hult Nyamko Elmsäter Wennerholm
""".split() + ["Malmer Stenergard", "Waltersson Grönvall", "Ankarberg Johansson",
               "Axelsson Kihlblom", "Bah Kuhnke", "Hellmark Knutsson", "Busch Thor"]

# Swedish ministers (statsråd) 2014-2024 (Löfven I-III, Andersson, Kristersson).
MINISTERS = [
    "Stefan Löfven", "Magdalena Andersson", "Ulf Kristersson",
    "Margot Wallström", "Morgan Johansson", "Peter Hultqvist", "Annika Strandhäll",
    "Gustav Fridolin", "Ylva Johansson", "Åsa Romson", "Mikael Damberg",
    "Anders Ygeman", "Sven-Erik Bucht", "Ibrahim Baylan", "Isabella Lövin",
    "Gabriel Wikström", "Åsa Regnér", "Alice Bah Kuhnke", "Aida Hadzialic",
    "Helene Hellmark Knutsson", "Kristina Persson", "Per Bolund", "Ardalan Shekarabi",
    "Mehmet Kaplan", "Anna Johansson", "Ann Linde", "Tomas Eneroth", "Heléne Fritzon",
    "Anna Ekström", "Karolina Skog", "Lena Hallengren", "Peter Eriksson",
    "Amanda Lind", "Jennie Nilsson", "Lena Micko", "Matilda Ernkrans", "Anna Hallberg",
    "Märta Stenevi", "Hans Dahlgren", "Eva Nordmark", "Åsa Lindhagen",
    "Khashayar Farmanbar", "Johan Danielsson", "Max Elger", "Lina Axelsson Kihlblom",
    "Jeanette Gustafsdotter", "Karl-Petter Thorwaldsson", "Ida Karkiainen",
    "Anna-Caren Sätherberg", "Ebba Busch", "Johan Pehrson", "Tobias Billström",
    "Gunnar Strömmer", "Elisabeth Svantesson", "Pål Jonson", "Jakob Forssmed",
    "Johan Forssell", "Mats Persson", "Lotta Edholm", "Paulina Brandberg",
    "Anna Tenje", "Romina Pourmokhtari", "Andreas Carlson", "Erik Slottner",
    "Maria Malmer Stenergard", "Camilla Waltersson Grönvall", "Acko Ankarberg Johansson",
    "Niklas Wykman", "Carl-Oskar Bohlin", "Peter Kullgren", "Parisa Liljestrand",
    "Jessika Roswall", "Johan Britz", "Benjamin Dousa", "Jessica Rosencrantz",
]

# A few places that are not municipalities/län but occur in state documents.
PLACES = """
Sverige Norden Europa Finland Norge Danmark Island Tyskland Frankrike Spanien
Italien Polen Estland Lettland Litauen Ryssland Ukraina Kina Indien Japan USA
Kanada Storbritannien England Skottland Irland Nederländerna Belgien Schweiz
Österrike Grekland Turkiet Syrien Irak Iran Afghanistan Somalia Eritrea Etiopien
Bryssel Genève Strasbourg Luxemburg Köpenhamn Oslo Helsingfors Berlin London
Paris Washington Stockholm Göteborg Malmö Uppsala Skåne Norrland Svealand
Götaland Gotland Öland Lappland Jämtland Härjedalen Dalarna Värmland Halland
Småland Blekinge Bohuslän Dalsland Västergötland Östergötland Södermanland
Uppland Västmanland Närke Hälsingland Gästrikland Medelpad Ångermanland
Västerbotten Norrbotten Sápmi Mälardalen Öresund Östersjön Västerhavet
""".split() + ["Nya Zeeland", "Förenta staterna"]
