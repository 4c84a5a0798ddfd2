"""Hand-written parts of the FacQA evaluation files, read by build.py.

EN: English translations of the first 100 questions of id_tune.jsonl and of id_heldout.jsonl, written by
hand (not machine-translated): FacQA id -> (English question, extra English alternatives). The extras join
the gold group (the Indonesian gold strings stay, since the passages are Indonesian); they are given only
where the gold is a common noun phrase, a number or a date an English answer would write differently.

UNANSWERABLE: 60 questions (30 Indonesian, 30 English) about facts no passage holds. `keys` are the key
entities: none may occur in any passage (a string, or a tuple of terms that must not occur together in one
passage); `near` is a word the corpus does contain, for a near-miss (same topic, fact not in the corpus).
"""

EN: dict[str, tuple[str, list[str]]] = {
    # tune (first 100 of id_tune.jsonl)
    "facqa-train-0397": ("Which comet was the Rosetta spacecraft heading for in November 2014?",
                         ["comet 67P/Churyumov-Gerasimenko"]),
    "facqa-train-2387": ("What award did Theodor Haensch (63) receive in October 2005?",
                         ["Nobel Prize in Physics", "Physics Nobel"]),
    "facqa-train-2215": ("How big is the frog Prof Dr Djoko Tjahjono found in Papua, one of the smallest "
                         "frogs in the world?", ["9.5 mm", "9.5 millimet"]),
    "facqa-train-1304": ("Who is the Forestry Minister's expert adviser on natural resource development "
                         "who said forestry matters have to be handled jointly?", []),
    "facqa-train-0155": ("Omay Wiraatmadja is the president director of which company?", []),
    "facqa-train-0143": ("Which disease had killed 6 people in Solo by October 2005?",
                         ["dengue hemorrhagic fever", "dengue haemorrhagic fever", "dengue fever"]),
    "facqa-train-0739": ("Where is Moussa Arafat's house?", []),
    "facqa-valid-0096": ("For how long did the textile and textile product quotas hold back the textile "
                         "trade?", ["40 years"]),
    "facqa-train-0182": ("When was the fifth Shenzhou flight?", ["15 October 2003", "October 15, 2003"]),
    "facqa-train-2102": ("How tall is the installation by artist Nyoman Erawan placed behind the stage at "
                         "the second Megalitikum Kuantum?", ["14 metres", "14-metre", "14-meter"]),
    "facqa-train-1183": ("Which areas of Papua already count as having an HIV/AIDS pandemic?",
                         ["Timika, Jayapura, Nabire, and Sorong", "Timika, Jayapura, Nabire and Sorong"]),
    "facqa-train-0133": ("At which championship did Indonesia fail to win a badminton title in 2003?",
                         ["World Championships in Birmingham", "Birmingham World Championships"]),
    "facqa-train-0821": ("How many men took part in Megalitikum Kuantum?", ["500 men"]),
    "facqa-train-2441": ("Which American guitarist has mastered the distinctive guitar technique of "
                         "touching and hooking the strings?", ["Stanley Jordan"]),
    "facqa-valid-0194": ("Which report put Norway at the top and Nigeria at the bottom?",
                         ["Human Development Index"]),
    "facqa-train-1229": ("When was the International Star For Quality Award to be presented to Professor "
                         "dr Roemwerdiniadi Soedoko SpPA?", ["10 October 2005", "October 10, 2005"]),
    "facqa-train-0103": ("What is the name of the arts group led by Iwan Gunawan of UPI Bandung that was "
                         "invited to the Raum & Schatten festival in Berlin?", []),
    "facqa-train-1571": ("Which regulation number governs land acquisition for development in the public "
                         "interest?",
                         ["Presidential Regulation No. 36 of 2005",
                          "Presidential Regulation Number 36 of 2005",
                          "Presidential Regulation No 36 of 2005"]),
    "facqa-train-0392": ("Where was Navy Colonel Gusmaidi when he said on Monday (19/12) that two Thai "
                         "fishing boats had been stealing fish in Indonesian waters?", []),
    "facqa-train-0756": ("When did the city of Tasikmalaya celebrate its fourth anniversary?",
                         ["17 October 2005", "October 17, 2005"]),
    "facqa-train-1419": ("How many grams of pearls did the pearl industry in Bau-Bau produce each year "
                         "before the 2000s?", ["27,000 grams", "27,000 gram"]),
    "facqa-train-0431": ("In which province is Stef Bria head of the health office?", ["East Nusa Tenggara"]),
    "facqa-train-2405": ("Which epidemic is threatening the people of Kahingai village in Lamandau, "
                         "Kalimantan, according to the head of the village representative council?",
                         ["plague and cholera"]),
    "facqa-train-2193": ("When did Japan's economic power rise to the point of startling the United "
                         "States?", ["1980s"]),
    "facqa-train-2142": ("How far is Labuan from Anak Krakatau?", ["48 kilometer", "48 kilometres", "48 km"]),
    "facqa-train-0730": ("When did the IAEA refer Iran's nuclear issue to the UN Security Council?",
                         ["24 September", "September 24"]),
    "facqa-train-0546": ("When will the next global-level Holcim Awards ceremony in Bangkok, Thailand, "
                         "take place?", []),
    "facqa-train-1323": ("How much is the per-family subsidy that 15.5 million poor families will get as "
                         "compensation for the fuel price increase?", ["Rp 100,000", "100,000 rupiah"]),
    "facqa-valid-0245": ("How much extra revenue could Telkom earn by leasing out ten transponders on the "
                         "Telkom-2 satellite?",
                         ["20 million US dollars", "US$20 million", "$20 million", "USD 20 million"]),
    "facqa-train-0109": ("At which university is Dr Eri Seda a sociologist of education?",
                         ["University of Indonesia"]),
    "facqa-train-1943": ("Who is the regional executive director of Conservation International Indonesia?",
                         []),
    "facqa-train-1533": ("Where was the second Megalitikum Kuantum held?", []),
    "facqa-train-1133": ("Who backs BKSDA Riau and PKHS in their Sumatran tiger conservation work?", []),
    "facqa-train-1296": ("When were 87 Muslims killed in Tak Bai district, Thailand?", ["October"]),
    "facqa-train-2069": ("Which agency is headed by Syukur Iwantoro?", ["Agricultural Quarantine Agency"]),
    "facqa-train-0084": ("Which foundation does Sofyan work for?", ["Leuser International Foundation"]),
    "facqa-train-1110": ("Where will LIPI trial the production of medicine from non-pathogenic bacteria in "
                         "tobacco?", ["Cibinong"]),
    "facqa-train-0529": ("When did experts identify the SPRN 6 gene in malaria mosquitoes?", ["October"]),
    "facqa-train-1124": ("What does FIA stand for?", []),
    "facqa-train-2286": ("Who discovered the extrasolar planet orbiting the star HD11977?", []),
    "facqa-train-2268": ("Which Malaysian athlete won silver in the women's 400 metres hurdles?", []),
    "facqa-train-2288": ("What is the name of the Bahtera Nusantara Foundation activist who works with the "
                         "Mina Bakti Soansari fishermen's group?", []),
    "facqa-train-2014": ("Which English jazz musician does Balawan admire?", []),
    "facqa-train-0734": ("What is Jimmy Arnold's chair for stroke patients called?",
                         ["stroke chair made in Parung", "Parung stroke chair"]),
    "facqa-valid-0286": ("Which government office does Gatot Moeryanto head?",
                         ["Jambi Provincial Forestry", "Jambi Province Forestry", "Forestry Office of Jambi",
                          "Forestry Service of Jambi"]),
    "facqa-train-1036": ("In which year's South Sumatra regional games (Porda) did Yosef Kristiono set the "
                         "provincial record in the 1,500 m freestyle with 18 minutes 48.22 seconds?", []),
    "facqa-train-1778": ("What are the names of the tankers used to smuggle the oil?",
                         ["MT Rejoice, MT Sunrise, and MT Tioman", "MT Rejoice, MT Sunrise and MT Tioman"]),
    "facqa-train-2148": ("Where is the building of Petron Oil, the company owned by the Philippine "
                         "government?", ["Makati financial district"]),
    "facqa-train-0288": ("What was the title of Indonesia's first feature film?", []),
    "facqa-train-2256": ("How much does the US spend every month on the war in Iraq?",
                         ["5.6 billion US dollars", "US$5.6 billion", "$5.6 billion", "USD 5.6 billion"]),
    "facqa-train-0334": ("What colour is the sand on Wembrak beach, which runs from Tanjung Jamursa to the "
                         "tip of Membran?", ["black"]),
    "facqa-train-1561": ("Which organisation called Candra Wijaya and Sigit Budiarto legends for their "
                         "badminton career over the past nine years?",
                         ["International Badminton Federation", "IBF"]),
    "facqa-train-1212": ("How many oil palm seedlings did the Agricultural Quarantine Agency re-export?",
                         ["164,000"]),
    "facqa-train-2292": ("Which sport does Felix C Sutanto compete in?", ["swimming"]),
    "facqa-train-1890": ("How many dollars has Africa lost over the last 20 years by being forced to "
                         "liberalise trade to qualify for World Bank aid and debt relief?",
                         ["272 billion US dollars", "US$272 billion", "$272 billion", "USD 272 billion"]),
    "facqa-train-1793": ("Which film was the top nominee in the TV series category at the 2005 Indonesian "
                         "Film Festival (FFI)?", []),
    "facqa-train-1651": ("How many votes did Lula win when he was elected president of Brazil?",
                         ["53 million votes"]),
    "facqa-train-1150": ("What did the team researching the Balaw kingdom find in December 2003 and June "
                         "2004?", ["tomb", "grave"]),
    "facqa-train-0189": ("Who heads information and reporting for the bird flu outbreak at RSPI hospital?",
                         []),
    "facqa-train-0645": ("When was Iraq's first democratic election for members of parliament held?",
                         ["30 January 2005", "January 30, 2005"]),
    "facqa-train-1976": ("Which country said it would not rest until Palestine became a state on the land "
                         "Israel has occupied since 1967?", ["Egypt"]),
    "facqa-valid-0126": ("What is the global-level award for Islamic banking called?",
                         ["International Islamic Bank Award", "IIBA"]),
    "facqa-train-1058": ("How many titles did Indonesia win at the 2005 Badminton World Championships in "
                         "Anaheim?", ["two titles", "2 titles"]),
    "facqa-train-0738": ("When was Saddam Hussein captured on a farm and then paraded in public?",
                         ["14 December 2003", "December 14, 2003"]),
    "facqa-train-0063": ("Who is the head of China's legislature?", []),
    "facqa-train-0296": ("How long is UNICEF's school-building project in Aceh expected to take?",
                         ["three years", "3 years"]),
    "facqa-train-1837": ("Since when has Telkom been leasing the APStar-VI satellite?", ["mid-August 2005"]),
    "facqa-valid-0292": ("Where will the 2006 football World Cup finals be held?", ["Germany"]),
    "facqa-valid-0209": ("What was the dog cloned by Seoul National University named?", []),
    "facqa-train-0137": ("What illness did Harold Pinter have in 2002?", ["throat cancer"]),
    "facqa-train-2485": ("Which former Finnish president facilitated the Aceh peace talks?", []),
    "facqa-train-2309": ("What is the scientific name of the wild cat?", []),
    "facqa-valid-0102": ("Which Palembang swimmer set a record at the 2005 South Sumatra regional games "
                         "with 2 minutes 28.63 seconds in the men's 200 m backstroke?", []),
    "facqa-train-1381": ("Who is US Vice President Dick Cheney's chief of staff?", []),
    "facqa-train-0487": ("Which Indonesian cement maker has Holcim Ltd as its largest shareholder?", []),
    "facqa-train-0692": ("What is the name of the governor of Sucumbios who joined the street protest "
                         "against the oil companies?", []),
    "facqa-train-2254": ("Where are Mastrotto's products exported to?", ["Asia"]),
    "facqa-train-1266": ("How many gold medals did Turkey win at the 2005 Izmir Universiade?", ["ten"]),
    "facqa-train-1897": ("In which country is the Associated Press news agency based?",
                         ["United States", "USA", "America"]),
    "facqa-train-0577": ("What is the name of the Swiss company that employed Kofi Annan's son Kojo?", []),
    "facqa-train-2196": ("Which Left Party–PDS activist said Germany's big parties had led the country to "
                         "abandon the interests of ordinary people?", []),
    "facqa-train-1762": ("Where was the President going to give a public lecture after attending the 2nd "
                         "ASEAN-UN summit?", []),
    "facqa-train-0608": ("How much seaweed did the world need in 2005?",
                         ["260.571 million tons", "260.571 million tonnes"]),
    "facqa-train-0171": ("Who needed just six more points to become the youngest champion in F1 history at "
                         "24?", []),
    "facqa-valid-0284": ("Which airport is meant to replace Polonia airport, which was judged unfit?",
                         ["Kuala Namu Airport"]),
    "facqa-train-1099": ("U Saefudin Noer is a director of which bank?", []),
    "facqa-valid-0158": ("What was the theme of the cultural address Mochtar Lubis gave at Taman Ismail "
                         "Marzuki in 1977?", ["Indonesian Man"]),
    "facqa-train-2197": ("Which prize did the Philippines win in the Holcim Awards for the Asia Pacific "
                         "region?", ["silver"]),
    "facqa-train-1506": ("What is the target number of children for the National Immunization Week (PIN) "
                         "across Indonesia?", ["23,312,794"]),
    "facqa-train-1413": ("On what date did Sharapova officially become world number one in the WTA "
                         "rankings?", ["22 August", "August 22"]),
    "facqa-train-0162": ("What is the title of the paper on the SPRN 6 gene in malaria mosquitoes "
                         "published in the Online Early Edition?", []),
    "facqa-train-0501": ("Which Brazilian company can build a single-propeller aircraft that runs on "
                         "ethanol?", []),
    "facqa-train-0449": ("Which flower, originally from Japan, is grown at the Cibodas botanical garden "
                         "(KRC) and can bloom twice a year?", ["cherry blossom", "sakura"]),
    "facqa-train-0360": ("What is the area of the city of Padang?",
                         ["695 square kilometers", "695 square kilometres", "695 km"]),
    "facqa-train-0743": ("Who is Iraq's deputy health minister?", []),
    "facqa-train-1567": ("Since what year has Bush been president of the United States?", ["2001"]),
    "facqa-valid-0067": ("How many species are in Prof Dr Djoko Tjahjono's collection of Sulawesi frogs "
                         "measuring 15-200 mm?", ["more than 20 species", "over 20 species"]),
    "facqa-train-0912": ("What award did Rolf Soiron hand out in Beijing, China, at the end of September "
                         "2005?", []),
    "facqa-train-1626": ("What was the title of Mahbubani's paper at the 7th International Conference on "
                         "Thinking in Singapore?", ["Can Asians Think?"]),
    "facqa-train-0478": ("What was the name of the Chinese fishing boat hit in the stern by Indonesian "
                         "navy fire in mid-September 2005?", []),
    # heldout (first 100 of id_heldout.jsonl)
    "facqa-valid-0045": ("How much of the 2004 election operating funds in seven regencies has not been "
                         "accounted for?", ["Rp 19.797 billion", "19.797 billion rupiah"]),
    "facqa-train-0888": ("Who got the permit to build Kuala Namu airport?", []),
    "facqa-train-2033": ("What is the Latin name of the rock frog?", []),
    "facqa-train-1290": ("Which area of Papua was hit by two earthquakes in 2004?", ["Nabire Regency"]),
    "facqa-train-0927": ("Who is the general secretary of LIPI?", []),
    "facqa-train-1402": ("How old will the Cibodas Botanical Garden be on 11 April 2006?", []),
    "facqa-train-1237": ("Who is financing micro, small and medium enterprises after the fuel price "
                         "increase?", []),
    "facqa-train-0960": ("At which meeting in Bali did Dr Johny Setiawan report his discovery of a planet "
                         "outside the solar system?", []),
    "facqa-train-1094": ("By what percentage did oil prices in Thailand rise during 2005?",
                         ["26 percent", "26 per cent", "26%"]),
    "facqa-train-2092": ("Which body designated the centenary of Einstein's photoelectric theory?", []),
    "facqa-valid-0219": ("Who organised the national product exhibition at the Smesco Promotion Center on "
                         "19-23 October 2005?", ["National Crafts Council", "National Handicraft Council"]),
    "facqa-train-0873": ("The Louisiana Superdome is the home stadium of which club?", ["Saints"]),
    "facqa-train-1378": ("Citizens of which country are crossing the Skouw border post in Muara Tami "
                         "district, Jayapura, more and more often?", ["Papua New Guinea"]),
    "facqa-train-0929": ("In which event did Tirunesh Dibaba win her second gold at the 10th World "
                         "Athletics Championships in 2005?", ["5,000 m", "5,000m", "5000 m", "5000m"]),
    "facqa-train-1406": ("What share of PT Bahtera Lestari's capital does the Mina Bakti Soansari "
                         "fishermen's group own?", ["23.5 percent", "23.5 per cent", "23.5%"]),
    "facqa-valid-0036": ("What will the relocated Selaparang airport be called?", []),
    "facqa-train-1891": ("Who is the current governor of Jakarta?", []),
    "facqa-train-1490": ("Which film directed by Teguh Karya was made in 1989?", []),
    "facqa-train-2018": ("Where did Susilo Bambang Yudhoyono, Jusuf Kalla, Agung Laksono and Ginandjar "
                         "Kartasasmita watch the live broadcast of the signing of the Aceh peace MoU?",
                         ["Merdeka Palace"]),
    "facqa-train-0887": ("Who is the director of PT Igas Utama?", []),
    "facqa-train-0800": ("Hidayat Nyakman is the president director of which company?", []),
    "facqa-valid-0132": ("Who will the electricity from the waste-fuelled power plant be sold to?", []),
    "facqa-train-0719": ("Where did the crowd seize five timber-laden trucks during the protest by 1,000 "
                         "residents in Pelaihari in September?", ["Pelaihari District Court"]),
    "facqa-train-0871": ("Which university is environmental law expert Pasolang from?", []),
    "facqa-valid-0006": ("Who is the vice president of the Inter-American Dialogue?", []),
    "facqa-train-0287": ("How high above sea level is the Dieng Plateau?",
                         ["2,693 meters", "2,693 metres", "2,693 m"]),
    "facqa-train-2177": ("Which province is Kerinci Regency in?", ["Jambi Province"]),
    "facqa-train-0454": ("By how much did the value of Indonesia's textile exports fall while the textile "
                         "quotas were in force?", ["15.9 percent", "15.9 per cent", "15.9%"]),
    "facqa-train-2046": ("Who is the current head of the International Atomic Energy Agency (IAEA)?", []),
    "facqa-train-2151": ("When did the World Trade Organization's Agreement on Textiles and Clothing end?",
                         ["31 December 2004", "December 31, 2004"]),
    "facqa-train-2237": ("What was the economic loss from Typhoon Khanun in September 2005?",
                         ["849 million US dollars", "US$849 million", "$849 million", "USD 849 million"]),
    "facqa-train-0071": ("How high is Mount Masurai?", ["2,935 meters", "2,935 metres", "2,935 m"]),
    "facqa-train-0626": ("How much money flowed to officials of the Finance Ministry's budget directorate, "
                         "the BPK and the DPR in the KPU corruption case?",
                         ["79,000 US dollars", "US$79,000", "$79,000", "Rp 546 million"]),
    "facqa-train-0602": ("Where did Bush give the speech in which he denied that the Iraq war was only "
                         "about taking control of Iraq's oil?", []),
    "facqa-train-1444": ("When was Balawan born?", ["September 9, 1973"]),
    "facqa-train-0910": ("On what date did Singapore's Court of Appeal rule for Pertamina in the case "
                         "brought by PT Karaha Bodas Company (KBC)?", ["24 August", "August 24"]),
    "facqa-train-1401": ("How large was the TRNC's foreign trade in 1977?",
                         ["106.9 million US dollars", "US$106.9 million", "$106.9 million",
                          "USD 106.9 million"]),
    "facqa-train-1057": ("When was Law No. 31 on Fisheries issued?", []),
    "facqa-train-2453": ("In which area did rice crops declared a total loss reach 3,201 hectares?",
                         ["Blora Regency", "Blora, Central Java"]),
    "facqa-valid-0042": ("How old is Dibaba's older sister Ejegayehu?", []),
    "facqa-train-1028": ("What is the name of Toronto's busiest highway?", []),
    "facqa-train-1299": ("Who is the Thai coach hired to prepare the national sepak takraw team?", []),
    "facqa-train-1127": ("According to research by Dewats and the Rural Technology Development Institute "
                         "(LPTP), how much gas a day does a tofu maker processing 700 kilograms of "
                         "soybeans produce?", ["10,500 liters", "10,500 litres"]),
    "facqa-train-1050": ("Which European archaeologist studied the ancient remains around Pagar Alam?", []),
    "facqa-train-0459": ("In which city was the Dutch colonial teachers' school, the Kweek School, "
                         "located?", []),
    "facqa-train-0243": ("The Linggarjati building lies about 25 km south of which city?", ["Cirebon"]),
    "facqa-train-0561": ("What does Ishak Harahap, who admitted he was wrong to accept money from the KPU, "
                         "head?", []),
    "facqa-train-0072": ("What is the title of the book by Samuel P Huntington?", []),
    "facqa-train-0621": ("How much will UNICEF spend on building schools in Aceh?",
                         ["90 million US dollars", "US$90 million", "$90 million", "90 million dollars"]),
    "facqa-train-1034": ("Anton Cahyono is a director of which company?", []),
    "facqa-train-1556": ("Which 2005 FFI nominee was produced by PT Kalyana Shira Film and directed by "
                         "Joko Anwar?", []),
    "facqa-train-1876": ("What is the Latin name of the gerungang tree?", []),
    "facqa-train-0785": ("When was Raja Inal Siregar governor of North Sumatra?",
                         ["1988 to 1998", "1988–1998"]),
    "facqa-train-0840": ("Who said the Colombian plane that crashed in Venezuela had been inspected twice "
                         "by the Martinique authorities with no problems found?", ["Dominique Perben"]),
    "facqa-train-0358": ("Where does Tokihiro Okubo work?", []),
    "facqa-valid-0308": ("Where is Jary Wayland, the oil company employee interested in the Parung stroke "
                         "chair, from?", ["United States", "USA", "America"]),
    "facqa-train-0671": ("In which area is Hosni Mubarak's house?", ["Heliopolis"]),
    "facqa-train-2051": ("Who is the director of KSEI?", []),
    "facqa-train-1361": ("What is the Latin name of the monitor lizard?", []),
    "facqa-train-1632": ("Which plants are orangutans stripping the bark off in the industrial timber "
                         "plantation around Menamang?", ["young acacia"]),
    "facqa-train-1775": ("What is the capital of Myanmar?", ["Yangon", "Rangoon"]),
    "facqa-train-0298": ("What are the characteristic colours of the Brazilian flag?",
                         ["yellow and green", "green and yellow"]),
    "facqa-train-0974": ("How long does it take to reach Anak Krakatau from Anyer Beach by speedboat?",
                         ["1.5 hours", "one and a half hours"]),
    "facqa-train-1254": ("When did the American Airlines crash that killed 260 passengers happen?", []),
    "facqa-train-2080": ("Which mountain is the town of Pagar Alam near?", ["Mount Dempo"]),
    "facqa-train-0465": ("Who was named best actress at the 62nd Venice Film Festival?", []),
    "facqa-train-2425": ("Who captained the Taiwanese women's volleyball team when it beat Poland in the "
                         "final of the 2005 Izmir Universiade?", []),
    "facqa-train-0921": ("What is the name of the company headed by Horikawa Shuji?", []),
    "facqa-train-0598": ("Since when has there been a plan to move the Tasikmalaya Regency secretariat "
                         "office to the edge of town?", []),
    "facqa-train-0593": ("Which keris expert led the year of library and field research and discussions "
                         "that began in August 2004?", []),
    "facqa-train-1457": ("What is the name of the secretary-general of Egypt's National Democratic Party?",
                         []),
    "facqa-train-1727": ("In which province is Bau-Bau, the town with the pearl industry?",
                         ["Southeast Sulawesi"]),
    "facqa-train-0350": ("Which Pertamina president director said fuel shipments would be monitored?", []),
    "facqa-train-1995": ("Which president of Belarus attacked Bush at the 2005 UN summit?", []),
    "facqa-train-1145": ("In what year did Prof Dr Djoko Tjahjono's paper on frogs win the Kennedy Award?",
                         []),
    "facqa-train-1407": ("By how much does a solar power unit's (PLTS) absorption of sunlight drop in "
                         "cloudy weather?", ["30 percent", "30 per cent", "30%"]),
    "facqa-train-2160": ("What does a litre of fuel cost in Thailand now?", ["26.5 baht", "Rp 6,500"]),
    "facqa-train-0855": ("In what year was Khalid Jafri's book \"50 Reasons Why Anwar Cannot Become Prime "
                         "Minister\" published?", []),
    "facqa-train-2397": ("What is the name of the hospital where Asep Prihartono was treated?",
                         ["Dr M Djamil Hospital", "M Djamil Hospital"]),
    "facqa-train-0391": ("Which Indonesian musician lost a bag holding important documents, including his "
                         "passport and a Jakarta-Tokyo plane ticket?", []),
    "facqa-train-2163": ("What will be planted in the Tangketada production forest area?",
                         ["oil palm", "palm oil"]),
    "facqa-train-1466": ("Where did the joint air patrol over the Strait of Malacca begin?", []),
    "facqa-train-0025": ("When is Germany's federal election going to be held?", ["September 18"]),
    "facqa-train-0599": ("What was the name of the hurricane that destroyed about 58 percent of the "
                         "platforms in the Gulf of Mexico in September 2005?",
                         ["Hurricane Katrina", "Katrina"]),
    "facqa-train-0703": ("Which animal spreads dengue fever?", ["Aedes aegypti mosquito", "Aedes aegypti"]),
    "facqa-valid-0015": ("Roughly how large is the Bornean orangutan population, according to Adi "
                         "Susmianto, the Forestry Ministry's director of biodiversity conservation?",
                         ["50,000"]),
    "facqa-train-2030": ("Where were the 9th World Athletics Championships held in 2003?", []),
    "facqa-train-2127": ("How many rattan workers and craftsmen took part in the protest on 28 June 2005?",
                         ["10,000"]),
    "facqa-train-0258": ("In which city is the WHO headquartered?", ["Geneva, Switzerland", "Geneva"]),
    "facqa-train-2340": ("Where did Finance Minister Jusuf Anwar give an academic address on 12 September "
                         "2005?", ["Padjadjaran University", "Padjajaran University"]),
    "facqa-train-2031": ("In what year was Basel University, the oldest university in Switzerland, "
                         "founded?", ["1459"]),
    "facqa-train-1825": ("What is the abbreviation of \"Kepolisian Sektor\" (sector police)?", []),
    "facqa-train-1522": ("Where did heads of state and government gather for the summit reviewing progress "
                         "on the MDGs?", []),
    "facqa-valid-0169": ("On what date was the last day of the 2005 Asian Grand Prix archery event?",
                         ["8 September", "September 8"]),
    "facqa-train-2487": ("Under what scheme does Indelberg Indonesia operate a number of marginal fields?",
                         []),
    "facqa-train-1714": ("In what year did 45 percent of Bandung's rainwater fail to soak into the ground?",
                         ["1960"]),
    "facqa-train-1300": ("Who curated the photo exhibition on Teguh Karya's films?", []),
    "facqa-train-2203": ("When did the devastating tsunami hit Aceh?",
                         ["26 December 2004", "December 26, 2004"]),
    "facqa-valid-0046": ("Which villages have to make way for the air force base near Kuala Namu airport?",
                         ["Sidodadi and Sidourip"]),
    "facqa-train-1249": ("Which plant has the Latin name Curcuma xanthorrhiza Roxb?",
                         ["Javanese turmeric", "Java ginger"]),
}


def _u(n: int, lang: str, split: str, question: str, keys: list, near: str = "") -> dict:
    return {"id": f"facqa-u-{lang}-{n:03d}", "lang": lang, "split": split, "question": question, "keys": keys,
            "near": near}


UNANSWERABLE: list[dict] = [
    # Indonesian, tune
    _u(1, "id", "tune", "Berapa kali Maria Sharapova menjuarai Prancis Terbuka di Roland Garros?",
       ["Roland Garros", "Prancis Terbuka", "Perancis Terbuka", ("Sharapova", "Grand Slam")], "Sharapova"),
    _u(2, "id", "tune",
       "Siapa antariksawan China yang pertama kali berjalan di luar angkasa dalam misi Shenzhou 7?",
       ["Shenzhou 7", "Shenzhou-7", "Shenzhou VII", "Zhai Zhigang"], "Shenzhou"),
    _u(3, "id", "tune",
       "Berapa kursi parlemen yang dimenangi Hamas dalam pemilu legislatif Palestina Januari 2006?",
       [("Hamas", "kursi"), ("Hamas", "memenangi"), ("Hamas", "menang")], "Hamas"),
    _u(4, "id", "tune", "Kapan satelit Telkom-3 diluncurkan?", ["Telkom-3", "Telkom 3"], "Telkom-2"),
    _u(5, "id", "tune", "Siapa pelatih Persipura ketika klub itu menjuarai Liga Super Indonesia 2008/2009?",
       ["Liga Super", "2008/2009"], "Persipura"),
    _u(6, "id", "tune", "Film apa yang meraih Singa Emas di Festival Film Venesia ke-63?",
       ["Venesia ke-63", "Still Life", "Jia Zhangke"], "Festival Film Venesia"),
    _u(7, "id", "tune", "Kapan Bandara Internasional Kuala Namu diresmikan dan mulai beroperasi?",
       ["2013", ("Kuala Namu", "beroperasi"), ("Kuala Namu", "diresmikan")], "Kuala Namu"),
    _u(8, "id", "tune", "Negara mana yang menjuarai Piala Dunia FIFA 2022 di Qatar?",
       ["Piala Dunia 2022", "2022"], "Piala Dunia"),
    _u(9, "id", "tune", "Berapa harga jual resmi iPhone 15 Pro di Indonesia?", ["iPhone", "Apple"]),
    _u(10, "id", "tune", "Kapan BPOM menerbitkan izin penggunaan darurat untuk vaksin COVID-19 yang pertama?",
       ["COVID", "COVID-19", "corona", "Sinovac"]),
    _u(11, "id", "tune", "Siapa pendiri aplikasi ojek daring Gojek?", ["Gojek", "Go-Jek", "Nadiem"]),
    _u(12, "id", "tune", "Berapa kilometer panjang lintasan Kereta Cepat Jakarta-Bandung?",
       ["kereta cepat", "Whoosh"]),
    _u(13, "id", "tune", "Siapa yang memenangi Pemilihan Presiden Indonesia 2024?", ["2024", "Pilpres 2024"]),
    _u(14, "id", "tune", "Berapa jumlah penduduk Indonesia menurut Sensus Penduduk 2020?",
       ["Sensus Penduduk 2020", "2020"], "penduduk"),
    _u(15, "id", "tune", "Di kota mana KTT G20 tahun 2022 diselenggarakan?", ["G20", "G-20", "2022"]),
    # Indonesian, heldout
    _u(16, "id", "heldout", "Siapa penerima Hadiah Nobel Perdamaian 2006?",
       ["Nobel Perdamaian", "Muhammad Yunus", "Grameen"], "Nobel"),
    _u(17, "id", "heldout", "Kapan robot penjelajah Curiosity milik NASA mendarat di Mars?",
       ["Curiosity", "Kawah Gale"], "Mars"),
    _u(18, "id", "heldout", "Apa nama wahana pendarat yang dibawa Rosetta ke komet 67P?", ["Philae"],
       "Rosetta"),
    _u(19, "id", "heldout", "Berapa orang tewas ketika topan Rita menghantam Texas?",
       ["topan Rita", "badai Rita", ("Rita", "Texas")], "topan"),
    _u(20, "id", "heldout", "Berapa kasus flu burung H7N9 yang tercatat di China pada tahun 2013?",
       ["H7N9", "2013"], "flu burung"),
    _u(21, "id", "heldout", "Kapan orangutan tapanuli ditetapkan sebagai spesies baru?",
       ["tapanuliensis", "orangutan tapanuli"], "orangutan"),
    _u(22, "id", "heldout", "Siapa yang menggantikan Hugo Chavez sebagai Presiden Venezuela?", ["Maduro"],
       "Hugo Chavez"),
    _u(23, "id", "heldout", "Kapan Hosni Mubarak mundur dari jabatan Presiden Mesir?",
       ["Tahrir", ("Mubarak", "mundur"), ("Mubarak", "mengundurkan")], "Mubarak"),
    _u(24, "id", "heldout", "Berapa penumpang pesawat Adam Air yang hilang di perairan Majene tahun 2007?",
       ["Adam Air", "Majene"], "kecelakaan pesawat"),
    _u(25, "id", "heldout", "Siapa perempuan pertama yang menjabat Direktur Utama Pertamina?",
       ["Karen Agustiawan", "Nicke Widyawati", ("Direktur Utama Pertamina", "perempuan")],
       "Direktur Utama Pertamina"),
    _u(26, "id", "heldout", "Berapa kapasitas baterai mobil listrik Wuling Air ev?", ["Wuling", "Air ev"]),
    _u(27, "id", "heldout", "Kapan MRT Jakarta fase pertama mulai beroperasi secara komersial?", ["MRT"]),
    _u(28, "id", "heldout", "Siapa salah satu pendiri Tokopedia?", ["Tokopedia", "William Tanuwijaya"]),
    _u(29, "id", "heldout", "Berapa medali emas yang diraih Indonesia di Asian Games 2018?",
       ["Asian Games 2018", ("Asian Games", "Palembang")], "Asian Games"),
    _u(30, "id", "heldout",
       "Kapan Ibu Kota Nusantara (IKN) di Kalimantan Timur diresmikan sebagai ibu kota negara?",
       ["IKN", "Ibu Kota Nusantara"]),
    # English, tune
    _u(1, "en", "tune", "How many Grand Slam titles had Maria Sharapova won when she retired?",
       ["Grand Slam", ("Sharapova", "pensiun")], "Sharapova"),
    _u(2, "en", "tune", "When did China launch its Tiangong-1 space laboratory?", ["Tiangong"], "Shenzhou"),
    _u(3, "en", "tune", "Who won the 2006 Nobel Prize in Physics?",
       ["John Mather", "Smoot", "Nobel Fisika 2006"], "Nobel Fisika"),
    _u(4, "en", "tune", "Which film won Best Picture at the 2006 Indonesian Film Festival?",
       ["FFI 2006", "Festival Film Indonesia 2006", "Ekskul"], "FFI"),
    _u(5, "en", "tune", "What was the score in the 2006 World Cup final in Berlin?",
       ["Zidane", "Materazzi", "Grosso"], "Piala Dunia 2006"),
    _u(6, "en", "tune", "Who won the 2006 Formula One drivers' championship?",
       [("F1", "2006"), ("Formula Satu", "2006")], "Alonso"),
    _u(7, "en", "tune", "How many people died when Hurricane Maria hit Puerto Rico?",
       ["Puerto Rico", "topan Maria"], "topan"),
    _u(8, "en", "tune", "How many votes did Mahmoud Ahmadinejad get in Iran's 2009 presidential election?",
       ["Mousavi", ("Ahmadinejad", "2009")], "Ahmadinejad"),
    _u(9, "en", "tune", "How many people were killed by the December 2018 Sunda Strait tsunami?",
       [("Selat Sunda", "2018"), ("tsunami", "2018")], "Selat Sunda"),
    _u(10, "en", "tune", "How much did Elon Musk pay to buy Twitter?", ["Musk", "Twitter"]),
    _u(11, "en", "tune", "When did OpenAI release ChatGPT?", ["ChatGPT", "OpenAI"]),
    _u(12, "en", "tune", "What does a Tesla Model 3 cost in Indonesia?", ["Tesla"]),
    _u(13, "en", "tune", "Which country won the Eurovision Song Contest in 2023?", ["Eurovision", "2023"]),
    _u(14, "en", "tune", "How many subscribers does BTS have on YouTube?", ["BTS", "YouTube"]),
    _u(15, "en", "tune", "How many people died in the 2018 Palu earthquake and tsunami?",
       ["Palu", ("gempa", "2018")], "gempa"),
    # English, heldout
    _u(16, "en", "heldout", "Which comet did NASA's EPOXI mission fly past in 2010?", ["EPOXI", "Hartley"],
       "Deep Impact"),
    _u(17, "en", "heldout", "When did NASA's Perseverance rover land on Mars?", ["Perseverance", "Jezero"],
       "Mars"),
    _u(18, "en", "heldout", "Which rocket launched Indonesia's Telkom-4 satellite?",
       ["Telkom-4", "Telkom 4", "Falcon 9", "SpaceX"], "satelit"),
    _u(19, "en", "heldout", "How long is the main runway at Kuala Namu International Airport?",
       [("Kuala Namu", "meter"), ("Kuala Namu", "landasan pacu")], "Kuala Namu"),
    _u(20, "en", "heldout", "Which city hosted the 2011 Summer Universiade?",
       ["Universiade 2011", "Shenzhen", ("Universiade", "2011")], "Universiade"),
    _u(21, "en", "heldout", "How many gold medals did Tirunesh Dibaba win at the 2008 Beijing Olympics?",
       ["Olimpiade Beijing", "Olimpiade 2008", ("Dibaba", "2008")], "Dibaba"),
    _u(22, "en", "heldout",
       "Who won Aceh's first direct gubernatorial election after the Helsinki peace deal?",
       ["Irwandi", "pilkada Aceh"], "Helsinki"),
    _u(23, "en", "heldout", "When did the Jakarta Stock Exchange merge with the Surabaya Stock Exchange?",
       ["Bursa Efek Indonesia", ("Bursa Efek Surabaya", "Bursa Efek Jakarta"),
        ("Bursa Efek Surabaya", "merger"), ("Bursa Efek Surabaya", "penggabungan")], "Bursa Efek Jakarta"),
    _u(24, "en", "heldout", "Who succeeded Lula as president of Brazil?",
       ["Dilma", "Rousseff", ("Lula", "2011"), ("Brasil", "2011")], "Lula"),
    _u(25, "en", "heldout", "Who succeeded Angela Merkel as chancellor of Germany?",
       ["Olaf Scholz", "Scholz"], "Angela Merkel"),
    _u(26, "en", "heldout", "How many TikTok users are there in Indonesia?", ["TikTok"]),
    _u(27, "en", "heldout", "What was the magnitude of the February 2023 earthquake in Turkey and Syria?",
       ["2023", "Kahramanmaras"], "gempa"),
    _u(28, "en", "heldout", "Which company develops the Android operating system?", ["Android", "Google"]),
    _u(29, "en", "heldout",
       "How much compensation has been paid to victims of the Lapindo mudflow in Sidoarjo?",
       ["Lapindo", "Sidoarjo"]),
    _u(30, "en", "heldout",
       "Which Indonesian pair won the women's doubles badminton gold at the Tokyo 2020 Olympics?",
       ["Tokyo 2020", "2020", "Greysia", "Apriyani"], "bulu tangkis"),
]
