"""Facts from words: every fact a message states, with the contract's values, and nothing it does not state.

A message is cut into clauses; a clause is about a fact when it carries that fact's words (``CUES``); what it
says of the fact comes from the clause's own words: a hedge (不清楚, 没查过, 问一下老板) is unknown, a negation
(没有, 未, 不是, 冇, never) is false, a stated occurrence (有过, 被列入, 出过) is true, a place is inside
Guangdong or not, a number is settled against the law's line (``quantities``). A clause that names no fact
answers the question that is pending (是的, 在江西, 一年半), if there is one. Two clauses that disagree about a
fact record nothing, unless the later one corrects the earlier (哦不对, 刚才说错了). Pure."""
from __future__ import annotations

import re
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Iterable

from catalogue import catalogue
from knowledge.numerals import cn_to_int, int_to_cn

from .places import places
from .quantities import ENGLISH_NUMBERS, Quantity, bare_months, digits, read_duration, read_share, settle
from .dialect import mandarin
from .ongoing import ongoing
from .text import normalise
from .vocabulary import cues, denies_words, events, fact_labels, holds_words
from .when import month_span, placed
from .words import alternation, corrections, hedges, table

# ---------------------------------------------------------------- the words of each fact

_CAT = catalogue()
PARK_ONLY = frozenset(n for n, f in _CAT.facts.items() if f.applicant_types == ("park",))
CONDITION_STEP = _CAT.step_facts("conditions")
EXCLUSION_STEP = _CAT.step_facts("exclusions")
EXCLUSIONS = tuple(n for n, f in _CAT.facts.items() if f.step in ("halt", "exclusions"))
# The law's lines and look-back, from the catalogue
HALT_LINE = _CAT.facts["longest_halt_months"].line
SHARE_LINE = _CAT.facts["industrial_value_added_share"].line
LOOKBACK_YEARS = _CAT.lookback_years.value

# The words of each fact, and those that say it holds or no longer holds: the catalogue's vocabulary
CUES = cues()
RESOLVED = denies_words()
OWN_NEGATIONS = holds_words()
# The time allowed for a rectification has not run out (期限还没到, 还在整改期内): not yet "未按要求完成整改"
WITHIN_TIME = re.compile(r"(?:期限|限期|时限|整改期|截止)(?:都|也)?(?:还|仍|尚)?(?:没有?|未)到|(?:还|仍|尚)?(?:没有?|未)(?:到|过)(?:整改)?(?:期限|限期|时限|截止)|"
                         r"(?:没|未)(?:到期|过期)|(?:期限|限期|整改期|时限)内|deadline (?:has not|hasn't|is not|isn't) (?:passed|over|up)|"
                         r"before the deadline|within the (?:deadline|time limit|period)")

HEDGE = re.compile(
    r"不清楚|不太清楚|不是很清楚|不确定|不太确定|不肯定|不知道|唔知|不晓得|不了解|不记得|记不清|记不得|没印象|冇印象|"
    r"不(?:是很|是太|太|大|怎么|很)(?:确定|清楚|了解|肯定|记得)|not (?:really|quite|totally|entirely) sure|"
    r"没查过|冇查过|未查|(?<!不是)(?<!并非)(?:没|未|还没|冇|尚未)(?:有)?(?:对照|核对|比对|对比|评估|自查|自评)|没核实|没确认|没法确定|无法确定|没法判断|无法判断|说不准|说不清|说不好|不好说|难说|待确认|待核实|"
    r"要核实|得核实|核实一下|确认一下|查一下|(?<![稽检调督排核审巡])查查|要问|得问|问过才|回头看|再看看|我(?:去|再)?问(?:一下|下|问)\s*[^，,。？?吗呢]{0,6}(?:局|部|科|处|办|那边|老板|领导|同事)\s*$|"
    r"等我(?:查|问|确认|核实)|"
    r"(?:应该|可能|大概|估计)[^，,。]{0,4}吧|吧\s*(?:应该|可能|大概)|"
    r"问(?:一下|下|问)?(?:老板|老闆|领导|财务|同事|他们|总部|老总|上级|负责人|设备部|人事|法务|集团|老细|会计)|"
    r"没听过|冇听过|没听说过|冇听讲过|没把握|搞不清|弄不清|好像|好似|唔确定|唔清楚|唔知|唔记得|冇印象|似乎|可能|也许|或许|大概是吧|应该是吧|吧[?？]|不一定|未知|不详|看情况|"
    r"not sure|unsure|don'?t know|do not know|no idea|nobody knows|no one knows|who knows|not certain|need to check|have to check|i think|maybe|"
    r"perhaps|probably|idk|not that i know|no clue|can'?t remember|have to ask|need to ask|ask my|ask the|"
    r"(?:haven'?t|have not|didn'?t|did not|not yet) (?:yet )?(?:checked|compared|assessed|evaluated|looked)(?! by)|"
    + hedges().pattern)
NEGATION = re.compile(
    r"不是没有|没有不|并非没有|不是没|不是不|唔系唔|"  # double negations first: they affirm
    r"还差|差一些|差一点|差些|差点|未达|没达到|达不到|没有|没|未曾|未|无|不是|不曾|唔系|唔是|唔|不在|不属于|不符合|不具备|不满足|不够|非|否|从未|从没|从来没|冇|木有|莫得|没得|"
    r"尚未|还没|还未|暂无|暂未|达不到|不|"
    r"\bno\b|\bnot\b|\bnever\b|\bnone\b|n't\b|\bnope\b|\bwithout\b|" +
    "|".join(rf"\b{re.escape(w)}\b" for w in table()["negations_en"]))
DOUBLE_NEGATION = {"不是没有", "没有不", "并非没有", "不是没", "不是不", "唔系唔"}
# Not negations: 不仅, 不错, 无论, 未来, 不断, 不少 …
NOT_NEGATION = re.compile(r"差不多|没通过|未通过|不通过|没过审|不合格|不达标|不规范|不当|不良|不仅|不但|不错|不少|不断|不久|无论|不管|未来|不过|无关|否则|不同|不一|不到|不足|不止|"
                          r"不超过|不低于|非常|无锡|no matter|" + alternation(table()["not_negations"]["words"]) +
                          # V不C (联系不上, 找不到): a potential complement, not a negation of the clause
                          rf"|(?<=[\u4e00-\u9fff])不(?:{alternation(table()['not_negations']['complements'])})", re.I)
AFFIRM = re.compile(
    r"有过|有的|有一|有个|有次|出过|发生过|发生了|被列|列入|列为|上过|上了|进了|进过|入选|评上|被查|查出|被罚|罚了|罚过|"
    r"[了过咗]$|去年|前年|今年|上个月|上月|那年|年初|年底|\bhad\b|\bhas\b|\bgot\b|受过|受到|存在|发现|查到|查处|通报|点名|还在|正在|仍在|是的|是滴|是得|是啊|确实|属于|已经|已|有|出了|被|上咗|系|係|yes|yeah|yep|we have|we had|"
    r"there (?:was|were|is)|did|been|\bare\b|\bis\b|\bwas\b|\bwere\b|具备|具有|符合|满足|达到|达标|当然|肯定|对的|没错|嗯|恩|ok|"
    + alternation(table()["affirm"]["words"]), re.I)
# A yes is a yes word standing alone (是的; 嗯嗯; yes we are), not the start of a filler (嗯这个嘛)
_YES_WORD = (r"(?:应该|肯定|绝对|当然|确实|真的)?(?:达到了?|达标|做到了?|通过了?|是的|是滴|是得|是啊|是呀|是|对的|对啊|对|有的|有|嗯嗯|嗯|"
             r"恩恩|恩|没错|当然|肯定|确实|系|係|算是|属于|符合|具备|满足|都符合|全部符合|都满足|都具备|都是|都有|好的)")
YES_START = re.compile(rf"^{_YES_WORD}(?:[的啊呀哦啦嘛了吧喇㗎啦]|我们|都|也|\s)*$|^{_YES_WORD}(?=[有在是做已])|"
                       r"^(?:yes|yeah|yep|yup|sure|correct|right|of course)\b")
NO_START = re.compile(r"^(?:应该|肯定|绝对|当然|确实|真的)?(?:唔系|唔是|唔符合|唔|不算|不是|不对|不符合|不在|不属于|不具备|不满足|不|没有|没|否|无|未|尚未|还没有|还没|从未|从来没有|"
                      r"从没|木有|冇|莫得|仍未|仲未|仲冇|还未|(?:no|nope|not|never|none|nothing|nobody|no one|nah)\b)")
# On the province's list and not the nation's: the answer to "already on the national list?" (只是省级的)
ONLY_PROVINCIAL = re.compile(r"(?:只|仅)(?:是|有|在|进了?|入了?|上了?)?(?:过)?(?:广东)?省级|省级(?:的)?(?:而已|罢了)|"
                             r"only (?:on )?(?:the )?provincial", re.I)
# A negation said twice or more for emphasis (没有没有, 不是不是, 冇冇冇, no no)
REPEATED_NO = re.compile(r"(没有|不是|唔系|冇|没|不)(?:[\s，,、]*\1)+|\b(no)(?:[\s,]+no)+\b", re.I)
# An exception to a yes (是的，除了独立法人; 就差法人资格): which side the item is on is left to a plain answer
EXCEPT = re.compile(r"除了|除外|除咗|就差|只差|except|apart from|other than", re.I)
# An answer word standing alone (没有, 是的, no): it answers the question, whatever was said before it
BARE_ANSWER = re.compile(r"(?:没有|没|无|不是|否|冇|木有|是|是的|有|有的|系|yes|no|nope)[的啊呀哦了喔]*", re.I)
# Words of one event or listing (有过一次, 被列过): a hedge beside them is about that item, not the whole checklist
ONE_EVENT = re.compile(r"有过|出过|发生过|被列|列过|列入|有(?:过)?一(?:次|单)|被罚|罚过|查出|通报|happened|was listed|"
                       r"was fined")
# A correction that takes back what was just said (not 其实/actually, which may only add to it)
TAKES_BACK = re.compile(r"不对|说错|搞错|写错|打错|更正|纠正|哦不|噢不|correction|i mean|" + corrections().pattern, re.I)
CORRECTION = re.compile(r"等等|等一下|不对|说错|搞错|写错|打错|更正|纠正|改一下|改成|哦不|噢不|其实是|其实|应该是|i mean|sorry|"
                        r"correction|actually|" + corrections().pattern, re.I)
REST_HEDGE = re.compile(r"^(?:其他|其它|其余|别的|剩下的?|others?|the rest).{0,8}?(?:不清楚|不确定|不知道|唔清楚|唔知|唔确定|"
                        r"没查过|要问|得问|问一下|问下|问问|待确认|not sure|don'?t know)")
REST_YES = re.compile(r"^(?:其他|其它|其余|别的|剩下的?|others?|the rest)\s*(?:的|几项|几个)?\s*(?:都|也|全|均)?\s*"
                      r"(?:符合|满足|具备|是|有|ok|yes)(?:的|啊|呀|了)?$")
REST = re.compile(r"其他|其它|其余|别的|剩下|\bothers?\b|the rest", re.I)
NTH = re.compile(r"^第\s*([一二三四五六七八九十\d]+)\s*(?:项|个|条|点)")
REST_NONE = re.compile(r"(?:其他|其它|其余|别的|剩下的?|另外的?|others?|the rest)\s*(?:的|几项|几个|情况)?\s*(?:都|也|全|均)?\s*"
                       r"(?:没有|没|无|不是|否|冇|木有|none|no)")
ALL_NONE = re.compile(r"^(?:以上|上面|上述|这些|全部|所有|统统|一概|一个|一项|一条)?\s*(?:都|全|均|全都|也)?\s*"
                      r"(?:没有|没|无|不是|否|不存在|冇|木有|莫得|none|no|nope|none of (?:these|them|the above))"
                      r"(?:过|的|哦|啊|呢|哈)?$|^(?:都|全|均|全都)(?:没有|没|无|不是|否|冇)|都没有|全都没有|都没|均无|全无|一个都没|一项都没|"
                      r"none of (?:these|them|the above)")
ALL_YES = re.compile(r"^(?:以上|上面|上述|这些|全部|所有)?\s*(?:都|全|均|全都)\s*(?:符合|满足|具备|是|有|是的)(?:的|啊|呀)?$|"
                     r"^以上(?:情况)?(?:都|全)(?:有|是)|^all (?:of )?(?:them|these|the above)$")
# Every condition met, in English: said of a list of conditions only (all ok, to a list of disqualifiers, is none)
ALL_MET = re.compile(r"^all(?: of (?:them|these|the above))?,? (?:yes|true|apply|met|are (?:true|met))$|"
                     r"^yes,? (?:to )?(?:all|all of them|everything)$|"
                     r"^(?:we )?(?:meet|satisfy|fulfil+) (?:all|every one)(?: of (?:them|these|the above))?$")
ALL_NOT = re.compile(r"^(?:以上|上面|上述|这些|全部|所有)?\s*(?:都|全|均|全都)\s*(?:不符合|不满足|不具备)(?:的|啊|呀)?$")
ALL_HEDGE = re.compile(r"^(?:都|全|全部|这些|以上)(?:都)?(?:不清楚|不确定|不知道|没查过)|都不清楚|全都不清楚|都不确定|都不知道")
ASKING = re.compile(r"吗|么|呢[?？]|啥[?？]?$|为啥|干啥|咋|[?？]|是否|能否|可否|能不能|可不可以|有没有|是不是|会不会|怎么|如何|什么|哪|多少|"
                    r"([\u4e00-\u9fff])[不没]\1|"  # A-not-A (要不要, 用不用, 需不需): a question, not a negation
                    r"\bcan we\b|\bcould we\b|\bis it\b|\bwhat\b|\bhow\b|\bwhich\b|\bdo we\b|\bdoes\b|\bshould\b")
QUESTION_TAIL = re.compile(r"(?:请问|想问|问下|想知道|那|这样|这种情况)?\s*(?:还|是否还|是不是还|那还)?\s*"
                           r"(?:能不能|能否|可不可以|可否|可以|能|会不会|会|影响|算不算|算|需不需要|需要|要不要|要|有资格|符合)"
                           r".{0,24}$|(?:can|could|may|will|does|do|is|are|should|must)\b.*$")
GENERIC = re.compile(r"如果|假如|假设|若是|要是|万一|\bif\b|suppose", re.I)
# 被列入经营异常名录的企业还能申报吗: said of enterprises in general, unless the speaker speaks of itself
GENERIC_NOUN = re.compile(r"(?:的|之)(?:企业|单位|园区|公司|工厂)")
# A place clause is about where the enterprise is registered, where it produces, or both
BOTH_PLACES = re.compile(r"都在|都喺|都系|均在|全在|都是在|注册(?:地)?\s*(?:和|跟|与|及|同)\s*(?:生产|经营|工厂|厂)|"
                         r"(?:生产|经营|工厂|厂)(?:地)?\s*(?:和|跟|与|及|同)\s*注册|both")
REGISTERED_WORDS = re.compile(r"注册|营业执照|执照|registered|incorporated")
SITE_WORDS = re.compile(r"工厂|厂|生产|车间|基地|经营|运营|production|produce[sd]? in|manufactur(?:e|es|ed|ing) in|factory|"
                        r"plant|operat")
# The factory named as the one who speaks or is registered (我们工厂, 深圳注册的厂), not as a site (设厂, 厂房, 厂址)
SUBJECT_FACTORY = re.compile(r"(?<![设建办开有])(?:工厂|厂)(?![房区址])|\b(?:factory|plant)\b", re.I)
PARK_WORDS = r"(?:园区|工业园|产业园|开发区|高新区|工业区|经济区)"
TYPE_WORDS: dict[str, re.Pattern] = {
    "supply_chain": re.compile(r"供应链|链主|supply[- ]?chain"),
    "park": re.compile(rf"{PARK_WORDS}|产业集聚区|管委会|industrial park|\bpark\b"),
    "factory": re.compile(r"工厂|制造企业|制造型企业|制造业企业|生产企业|(?<![园电])厂|factory|manufacturer|\bplant\b"),
}
# A clause that is nothing but a type's name (the heading of what follows: 绿色工厂。佛山注册。…)
TYPE_NAMED = re.compile(r"(?:想|要|准备)?(?:申报|报|申请)?(?:广东)?(?:省级)?(?:的)?(?:绿色)?"
                        r"(工厂|工业园区|园区|供应链管理企业|供应链企业|供应链)")
# The enterprise says it is a factory (我们是一家做五金的工厂; 我哋系清远嘅水泥厂)
A_FACTORY = re.compile(r"^(?:我们|我哋|我們|我司|本企业|本公司)(?:就)?(?:是|系|係)(?:一家|一间|一个|个|家|间)?"
                       r"[^，,。；;不唔有在否委托找给帮为]{0,10}?(?<![电园水圾])(?:工厂|厂)$")
NOT_MANUFACTURING_PLANT = re.compile(r"水厂|污水|垃圾|焚烧|电厂")
NOT_THE_TYPE = re.compile(r"(?:不是|唔系|唔係|并非|不属于|不算)(?:一家|一个|个|家)?[^，,。；;]{0,6}?(?:工厂|厂|园区|工业园|供应链)|"
                          r"(?:客户|供应商|隔壁|对方|合作方|下游|上游|会员|股东)[^，,。；;]{0,4}?(?:是|系|係)")
# Said of someone else's application (我们的客户可以报绿色工厂吗; 我们帮客户申报)
# Another party's record (我们的客户出过事故, 隔壁厂被列了) is not the applicant's (第十八条 speaks of the applicant)
OTHER_PARTY = re.compile(r"^(?:是|就是|只是|但|不过|我们的|我司的|我哋嘅)?\s*(?:客户|供应商|隔壁|隔篱|别家|别的(?:企业|公司|厂)|"
                         r"其他(?:企业|公司|厂)|同行|合作方|竞争对手)(?!.*(?:我们|我司|我哋|本厂|本公司))|"
                         r"^(?:but |only )?(?:our |the |a )?(?:customers?|suppliers?|neighbou?rs?|company next door|"
                         r"factory next door|another (?:company|firm|factory))\b(?!.*\b(?:we|us|our)\b)", re.I)
SUPPLIERS_CREATE = re.compile(r"(?:供应商|suppliers?)[^，,。；;]{0,12}(?:创建|创绿|搞|build|creat|work|pursu|get)", re.I)
OWN_CREATION = re.compile(r"自己|自身|本身|我们(?:也)?(?:在|正在)?创建|our own|ourselves", re.I)
FOR_OTHERS = re.compile(r"客户|会员|股东|帮(?:客户|别人|他们|人)|替|为(?:客户|他们|别人)")
LOCATED_IN = re.compile(rf"(?:(?<![现正存所实自])在|位于|落户|入驻|搬到|搬进)[^，,。；;]{{0,10}}?{PARK_WORDS}|{PARK_WORDS}(?:里|内|中|入面|里面)")
COMPARES = re.compile(r"区别|分别|不同|差别|差异|哪个|哪种|哪一个|还是|\bor\b|difference|which", re.I)
# A park spoken of as the subject (园区有管委会…, 佛山某工业园，…), not the enterprises in it (园区内企业…)
PARK_SUBJECT = re.compile(rf"^[^，,。；;]{{0,8}}?{PARK_WORDS}(?!区|内|里|中|的?(?:一家|那家|这家|某家)?(?:企业|工厂|厂|公司))")
SELF = re.compile(r"我们|我司|本公司|本企业|本单位|我单位|我公司|本园区|本厂|我厂|我哋|我們|咱们|we\b|we're|our\b|us\b")
APPLY = re.compile(r"申报|报|申请|参评|apply|application")
_TYPE_WORD = (r"(?:绿色|green )?(?:工厂|制造企业|工业园区|园区|(?:园区|开发区|高新区|工业园|产业园)?管委会|工业园|产业园|开发区|高新区|"
              r"供应链管理企业|供应链企业|供应链|factory|manufacturer|(?:eco-)?(?:industrial )?park|"
              r"supply[- ]?chain(?: management)?(?: company| enterprise| firm)?)")
# Words that change the type applied as: 换成园区, 改成按供应链申报, switch to park; 不是工厂，是园区 (its second part)
CHANGE_TYPE = re.compile(rf"^(?:那|那就|我们|我想|我要|我们想|我们要|想|要|帮我|请|麻烦|还是|就)?\s*(?:换成|换为|改成|改为|改报|换报|"
                         rf"转成|转为|切换(?:成|到|为)?)\s*(?:按|做|申报|报)?\s*{_TYPE_WORD}\s*(?:吧|啦|了|申报|来报|来申报)?$|"
                         rf"(?:我们|我司|想|要|改|就|还是|是)\s*按\s*{_TYPE_WORD}\s*(?:来)?(?:申报|报|申请)|"
                         rf"^(?:我们|我司)?(?:想|要|准备|打算)?(?:改)?(?:申报|报|申请)\s*(?:省级)?(?:的)?{_TYPE_WORD}\s*(?:吧|了)?$|"
                         rf"^(?:please |let'?s |i want to |we want to )?(?:switch|change)(?: it| us| our application)? to "
                         rf"(?:a |an |the )?{_TYPE_WORD}(?: instead| application)?\s*$|"
                         rf"\b(?:we|i)(?:'d like to| would like to| want to| will)? apply as (?:a |an )?{_TYPE_WORD}|"
                         rf"(?:申报|报|申请)(?:的)?(?:是|为)\s*(?:省级)?(?:的)?{_TYPE_WORD}|"
                         rf"\b(?:we are|we're|i am|i'm) applying as (?:a |an )?{_TYPE_WORD}", re.I)
# 不是工厂，是园区: the type said instead of another
NOT_BUT_TYPE = re.compile(rf"(?:不是|并非|唔系|唔係)\s*(?:一家|一个|个)?{_TYPE_WORD}\s*[，,、]?\s*(?:而)?(?:是|系|係)\s*"
                          rf"(?:一家|一个|个)?(?P<to>{_TYPE_WORD})\s*$", re.I)
# A type change said of others (要求供应商按绿色工厂申报; 组织区内企业按绿色工厂申报) is not the applicant's
CHANGE_FOR_OTHERS = re.compile(r"供应商|(?<!我们)(?<!我司)(?<!本)(?<!管理)(?<!链)(?<!制造)企业|园区内|区内|会员|客户|租户|suppliers?|members?|tenants?|"
                               r"companies", re.I)
# A type said alone (是园区), after 说错了: the type meant
BARE_TYPE = re.compile(rf"(?<![不非唔])(?:其实|应该)?(?:是|系|係)\s*(?:一家|一个|个)?(?P<type>{_TYPE_WORD})\s*$", re.I)
# The enterprise says what it is (我们是园区; we are a park), as against naming a type by the way (我们自己也在申报绿色工厂)
IS_TYPE = re.compile(rf"(?:我们|我司|本单位|我哋|我們|我|\bwe)\s*(?:其实|实际上|actually)?\s*(?:是|系|係|are|'re)\s*(?:actually\s*)?"
                     rf"(?:一家|一个|个|a|an)?\s*{_TYPE_WORD}\s*$", re.I)
APPLY_AS = re.compile(r"(?:申报|报|申请|参评|创建)[^，。,]{0,6}(?:绿色工厂|绿色工业园区|绿色园区|供应链)|apply as", re.I)


@dataclass(frozen=True)
class FactReading:
    """What a message states: fact → value (None: said not to know), and which values are bounds (一年多 →
    recorded as 12: at least the law's line), so the reply can say so."""

    values: dict[str, Any] = field(default_factory=dict)
    bounds: dict[str, str] = field(default_factory=dict)  # fact → "≥12" / "<12" / ">50" / "≤50"
    unsettled: tuple[str, ...] = ()  # facts whose number straddles the law's line (将近一年): asked again
    hypothetical: bool = False  # said of "an enterprise that…" or "if we…", not of the speaker
    # facts given as plainly as a button would (是; 都没有; 14个月; 注册地…：是): sure enough to need no confirmation
    sure: frozenset[str] = frozenset()
    restated: bool = False  # facts named by their label and answered (停产：14个月): an answer, whatever else

    def __bool__(self) -> bool:
        return bool(self.values)

    def surely(self) -> "FactReading":
        return FactReading(self.values, self.bounds, self.unsettled, self.hypothetical, frozenset(self.values),
                           self.restated)


# ---------------------------------------------------------------- clauses

_SPLIT = re.compile(r"([，,。；;！!？?\n…]+|\.(?!\d)\s*|——)|(?<=[^\s])\s*(但是|但|不过|而且|另外|并且|然后|同时|可是|however|but|and also)\s*")
CONTRAST = {"但是", "但", "不过", "可是", "however", "but"}


@dataclass(frozen=True)
class Clause:
    text: str
    asked: bool = False  # ended with a question mark: 被注销？ echoes the question, it states nothing
    turns: bool = False  # opened with 但是/不过: what it says of a condition overrides what came before


def clauses(text: str) -> list[Clause]:
    """A message cut where a new statement starts: punctuation and the conjunctions that turn (但是, 不过)."""
    pieces = _SPLIT.split(text)
    out: list[Clause] = []
    turns = False
    i = 0
    while i < len(pieces):
        part = (pieces[i] or "").strip()
        punct = pieces[i + 1] if i + 1 < len(pieces) else None
        conj = pieces[i + 2] if i + 2 < len(pieces) else None
        i += 3
        if part:
            asked = bool(punct and re.search(r"[？?]", punct))
            # 、 lists facts that may share one predicate at the end (注销、停产都没有): kept together unless
            # each part has its own predicate
            sub = [x for x in part.split("、") if x]
            if len(sub) > 1 and all(_has_predicate(x) for x in sub):
                out.extend(Clause(x, asked and j == len(sub) - 1, turns and j == 0) for j, x in enumerate(sub))
            else:
                out.append(Clause(part, asked, turns))
        turns = bool(conj and conj.strip() in CONTRAST)
    return out


def _has_predicate(piece: str) -> bool:
    return bool(HEDGE.search(piece) or _negated(piece) is not None or AFFIRM.search(piece))


def _negated(clause: str) -> bool | None:
    """True when the clause negates (an odd number of negations), False when it affirms through a double
    negation, None when it has no negation at all."""
    t = NOT_NEGATION.sub(" ", clause)
    found = [m.group(0) for m in NEGATION.finditer(t)]
    if not found:
        return None
    if any(f in DOUBLE_NEGATION for f in found):
        return False
    return True


def _speaks(clause: str) -> bool:
    """More than a fact's name: a subject, a number, a negation, a hedge or a question of its own (我们厂停产了一年多
    还能报 speaks; 失信被执行人 and 被列入经营异常名录 only echo the question)."""
    clause = LOOKBACK.sub("", clause)  # 三年内被注销？ echoes the question's own look-back
    return bool(SELF.search(clause) or re.search(r"\d|[一二三四五六七八九十两半几]", clause) or _negated(clause) is not None
                or HEDGE.search(clause) or ASKING.search(clause) or QUESTION_TAIL.search(clause))


LOOKBACK = re.compile(rf"(?:最近|近)?(?:{int_to_cn(LOOKBACK_YEARS)}|{LOOKBACK_YEARS})\s*年(?:内|来|以来|之内)?")


def _strip_question(clause: str) -> tuple[str, bool]:
    """The statement part of a clause that also asks (停产了10个月还能报吗 → 停产了10个月), and whether it asked."""
    if not ASKING.search(clause):
        return clause, False
    head = QUESTION_TAIL.sub("", clause).strip()
    return head, True


# ---------------------------------------------------------------- reading

# Today, for placing an event against the look-back: set by read_facts for the length of one reading
_TODAY: ContextVar[date] = ContextVar("today")


def read_facts(text: str, *, pending: Iterable[str] = (), allowed: Iterable[str] | None = None,
               today: date | None = None) -> FactReading:
    """Every fact ``text`` (already normalised) states. ``pending`` are the facts of the question being asked
    (one, or a checklist's); a clause that names no fact answers them. ``allowed`` limits the facts recorded
    (those of the applicant type). ``today`` places the events said in time (default: the clock's date)."""
    token = _TODAY.set(today or date.today())
    try:
        text = mandarin(text)
        restated = _restated(text, allowed)
        if restated is not None:
            return restated
        return _read_facts(text, pending=tuple(pending), allowed=allowed)
    finally:
        _TODAY.reset(token)


# An answer as plain as a button: a yes, a no, a don't-know, a number with its unit
PLAIN = re.compile(r"(?:是|是的|否|不是|有|没有|无|对|不对|符合|不符合|不清楚|不知道|不确定|yes|no|not sure|unknown|i don'?t know|"
                   r"\d+(?:\.\d+)?\s*(?:个月|%|％|months?|percent)?|没有停过产)", re.I)


# A fact named by its label and then answered (停产：14个月; 你记错了，调出名单：是; Standard: yes): the words after
# the label are read as the answer to that fact's own question
def _restated(text: str, allowed: Iterable[str] | None) -> FactReading | None:
    labels = fact_labels()
    marks = [m for m in _LABEL.finditer(text) if m.group(1).strip().lower() in labels]
    if not marks:
        return None
    head = text[:marks[0].start()].strip(" ，,。.;；")
    if head and not CORRECTION.search(head) and len(head) > 12:  # a sentence before the label: read it whole
        return None
    values: dict[str, Any] = {}
    bounds: dict[str, str] = {}
    unsettled: list[str] = []
    for i, m in enumerate(marks):
        fact = labels[m.group(1).strip().lower()]
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        words = text[m.end():end].strip(" ，,。.;；")
        if not words:
            continue
        got = _read_facts(words, pending=(fact,), allowed=allowed)
        if fact in got.values:
            values[fact] = got.values[fact]
            if fact in got.bounds:
                bounds[fact] = got.bounds[fact]
        unsettled += [f for f in got.unsettled if f == fact]
    if not values and not unsettled:
        return None
    plain = all(PLAIN.fullmatch(w.strip(" ，,。.;；")) for w in re.split(r"[^，,。.;；:：]+[:：]", text)[1:])
    reading = FactReading(values, bounds, tuple(unsettled), restated=True)
    return reading.surely() if plain else reading


_LABEL = re.compile(r"(?:^|(?<=[，,。.;；\s]))([^，,。.;；:：]{1,40}?)\s*[:：]")


def _read_facts(text: str, *, pending: tuple[str, ...], allowed: Iterable[str] | None) -> FactReading:
    allowed_set = set(allowed) if allowed is not None else None
    text = REPEATED_NO.sub(lambda m: m.group(1) or m.group(2), text)  # 没有没有: an emphatic 没有, not 有没有
    found: list[tuple[str, Any, bool, str | None]] = []  # (fact, value, corrects, bound)
    unsettled: list[str] = []
    hypothetical = bool(GENERIC.search(text) or (GENERIC_NOUN.search(text) and not SELF.search(text)))
    whole = text.strip(" 。.!！~")
    if len(pending) > 1:  # a checklist answered as a whole: 都没有, 都不清楚, 以上都符合
        if ALL_HEDGE.search(whole) or (HEDGE.fullmatch(whole.strip(" 啊呀哦吧呢")) is not None):
            return FactReading({f: None for f in pending}).surely()
        if ALL_YES.search(whole) or (ALL_MET.search(whole) and _checklist_kind(pending) == "conditions"):
            return FactReading({f: True for f in pending}).surely()
        if ALL_NOT.search(whole):
            return FactReading({f: False for f in pending}).surely()
        if (ALL_NONE.search(whole) and not any(CUES[f].search(whole) for f in pending) and not HEDGE.search(whole)
                and not REST.search(whole)  # 只有停产…其他都没有: the rest, after something that is not the rest
                and not re.search(r"有一|有个|有项|有几|不是都|并非都", whole)):
            return FactReading({f: _none_value(f) for f in pending}).surely()
    corrected = False
    kind = _checklist_kind(pending)
    bare_hedge = False
    bare_places: list = []
    all_clauses = clauses(text)
    last_correction = max((i for i, c in enumerate(all_clauses) if CORRECTION.search(c.text)), default=-1)
    labelled = _labelled(all_clauses, pending)
    if labelled:  # the checklist's own labels with a mark each (注册地在广东省行政区域内：是；…), as forms send them
        return FactReading(labelled).surely()
    dangling: tuple[str, ...] = ()  # facts a clause named without saying anything of them (注销？; 异常名单…)
    echoed: set[str] = set()  # every such fact, answered or not: "the rest" (其他) is not about them
    bare_yes: tuple[bool, frozenset[str]] | None = None  # a checklist's 是的: (overrides, facts named before it)
    retracted: tuple[str, int] | None = None  # (the fact a 哦不对 takes back, where its new words begin in found)
    for index, clause in enumerate(all_clauses):
        if index == last_correction and found and TAKES_BACK.search(clause.text):
            retracted = (found[-1][0], len(found))
        correction_here = bool(CORRECTION.search(clause.text)) or index < last_correction
        after_correction = corrected and not correction_here
        corrected = corrected or correction_here
        statement, asked = _strip_question(clause.text)
        named_here = tuple(f for f, cue in CUES.items() if cue.search(clause.text))
        bare = re.sub(r"[吗么呢啊吧]", "", clause.text)
        if clause.asked and re.search(r"吧$", statement):  # 应该符合吧？/ 不是吧？ is a guess, not an answer
            bare_hedge = True
            continue
        # 注销？ / 失信被执行人？ / 被列入经营异常名录？: the question's words echoed, saying nothing yet
        if clause.asked and (len(bare) <= 5 or (named_here and len(bare) <= 12 and not _speaks(bare))) and not (
                len(pending) == 1 and not named_here):
            dangling = named_here or dangling  # 注销？冇: the next words answer the fact echoed
            echoed |= set(dangling)
            continue
        if not statement:
            # 江西注册、韶关生产，可以报省级绿色工厂吗: all question, but it names the type the enterprise just
            # described applies as (alone, 可以报绿色工厂吗 may ask for anyone)
            if ((applied := APPLY_AS.search(clause.text)) and (found or SELF.search(text))
                    and not any(f == "applicant_type" for f, *_ in found)
                    and (kind_asked := _applicant_type(applied.group(0), pending))):
                found.append(("applicant_type", kind_asked, False, None))
            continue
        hedged = bool(HEDGE.search(clause.text))
        # 被列进经营异常名单了，还没移出: a clause that names nothing, after one about another fact, goes on about
        # that fact; its 没 does not answer the question pending
        goes_on = (len(pending) == 1 and not named_here and not clause.turns and not BARE_ANSWER.fullmatch(statement)
                   and bool(found) and all(f not in pending and f != "applicant_type" for f, *_ in found[-1:]))
        got = _clause_facts(statement, pending, asked, unsettled, hedged, answers=not goes_on)
        overrides = corrected or clause.turns
        last = dangling or tuple(f for f, *_ in found[-1:])  # 事故？有一单: the fact echoed just before
        if (not got and not asked and (after_correction or clause.turns or dangling) and last and not named_here
                and not REST_NONE.search(statement) and not REST_HEDGE.search(statement)):
            # 注册地系广州…哦不对，系湖南长沙 / 发布咗培育计划，但仲未组织企业 / 注销？冇: the words answer the fact
            # spoken of just before
            got = _clause_facts(statement, last[:1], asked, unsettled, hedged, continuing=True)
            overrides = overrides or bool(got)
        if not got and hedged and not correction_here and not REST_HEDGE.search(statement):
            if named_here:
                found.extend((f, None, True, None) for f in named_here if f not in ("registered_in_guangdong",
                                                                                     "operates_in_guangdong"))
            elif last and pending and last[0] != "applicant_type":
                # 异常名单…好似有，唔确定移出咗未: the hedge is about the fact just spoken of (in an opening, 想先确认一下
                # 条件 asks; and no hedge after it unsays the type applied as)
                found.append((last[0], None, True, None))
            else:
                bare_hedge = True
            continue
        if asked and not any(f == "applicant_type" for f, *_ in got) and APPLY_AS.search(clause.text):
            kind_asked = _applicant_type(clause.text, pending)  # 能不能报省级绿色工厂: the type applied as
            if kind_asked:
                got = [*got, ("applicant_type", kind_asked, None)]
        for fact, value, bound in got:
            resolves = value is False and fact in RESOLVED and bool(RESOLVED[fact].search(statement))
            found.append((fact, value, overrides or resolves, bound))
        dangling = named_here if (named_here and not got) else ()
        echoed |= set(dangling)
        if got or asked:
            continue
        named = {f for f, *_ in found} | echoed  # 事故？<words not read>。其他冇: 其他 is not the fact echoed
        resolved = next((f for f, *_ in reversed(found) if f in RESOLVED and RESOLVED[f].search(statement)), None)
        if resolved is not None:  # 被列入过经营异常名录，后来已经移出了
            found.append((resolved, False, True, None))
        elif len(pending) > 1 and REST_NONE.search(statement):
            for f in pending:
                if f not in named:
                    found.append((f, _none_value(f), overrides, None))
        elif len(pending) > 1 and REST_YES.search(statement) and not HEDGE.search(statement):
            for f in pending:
                if f not in named:
                    found.append((f, True, overrides, None))
        elif len(pending) > 1 and (nth := NTH.match(statement)) and _nth_fact(nth, pending):
            value = _polarity(_nth_fact(nth, pending), statement, bool(HEDGE.search(statement)), False, loose=True)
            if value is not _NOTHING:
                found.append((_nth_fact(nth, pending), value, overrides, None))
        elif len(pending) > 1 and REST_HEDGE.search(statement):
            for f in pending:
                if f not in named:
                    found.append((f, None, overrides, None))
        elif len(pending) > 1 and not named_here and (by_label := _by_label(statement, pending, named)):
            value = _polarity(by_label, statement, False, False, loose=True)
            if value is not _NOTHING:
                found.append((by_label, value, overrides, None))
        elif len(pending) > 1 and not correction_here:
            if (kind == "exclusions" and NO_START.match(statement) and not re.match(r"不是没|没有不|不是都|并非都", statement)
                    and not any(YES_START.match(c.text) and not NO_START.match(c.text) for c in all_clauses)):
                found.extend((f, _none_value(f), overrides, None) for f in pending if f not in named)
            elif kind == "conditions" and YES_START.match(statement) and not NO_START.match(statement):
                bare_yes = (overrides, frozenset(named))  # settled once every clause is read (below)
            elif places(statement):
                bare_places.append(statement)
    found.extend(_complementary_places(bare_places, found, pending))
    items_named = [f for f in pending if f in CUES and any(CUES[f].search(c.text) for c in all_clauses)]
    if bare_yes is not None:
        # a bare 是的 ticks the whole list; beside words about an item (是的，注册在东莞; 是的，除了独立法人) it
        # ticks nothing: those words speak for themselves
        had = {f for f, *_ in found}
        if not items_named and not had & set(pending):
            found.extend((f, True, bare_yes[0], None) for f in pending if f not in bare_yes[1])
        elif items_named and not had & set(items_named):  # 有，管委会统一管理: the yes is about the item named
            plain = [f for f in items_named if any(CUES[f].search(c.text) and not c.asked and not EXCEPT.search(c.text)
                                                   and not ASKING.search(c.text) for c in all_clauses)]
            found.extend((f, True, bare_yes[0], None) for f in plain)
    if retracted is not None and not found[retracted[1]:]:
        # 没有事故。哦不对，<words not read>: what was said is taken back, and what replaces it was not understood
        found = [x for x in found if x[0] != retracted[0]]
    if bare_hedge and pending:
        # 不清楚，营业执照上写的是分公司: the speaker does not know; what the rest seems to say is not recorded.
        # The hedge goes to what the message spoke of (注销？没有吧？; 不算偷税吧？), or, when it spoke of nothing
        # (这个我也说不准; 要问下老板), to the whole question, as 不清楚 does; 好像有过一次，不知道移出没 is about one
        # item it does not name, and records nothing
        spoken = [f for f in pending if f in echoed or f in items_named]
        whole_question = len(pending) == 1 or not (found or spoken or any(
            ONE_EVENT.search(HEDGE.sub("", c.text)) for c in all_clauses))
        hedged = [f for f, *_ in found if f in pending] or spoken or list(pending if whole_question else [])
        found = [x for x in found if x[0] not in hedged] + [(f, None, True, None) for f in dict.fromkeys(hedged)]
    # 你记错了，…: the whole message corrects what was recorded; 有…哦不对，…: it takes back its own words
    values, bounds = _combine(found, whole_correction=last_correction == 0 and bool(found))
    if values.get("energy_rectification_pending") is True and WITHIN_TIME.search(text):
        # 整改还在做，期限还没到: 第十八条（五） bars 未按要求完成整改; while the time allowed runs, that is not known
        values["energy_rectification_pending"] = None
    meant = _type_corrected(all_clauses)  # 说错了，是园区
    if (instead := NOT_BUT_TYPE.search(text)) is not None:  # 不是工厂，是园区
        meant = instead.group("to")
    if meant is not None:
        values["applicant_type"] = next(k for k, p in TYPE_WORDS.items() if p.search(meant))
    if ("applicant_type" not in values and all_clauses and PARK_SUBJECT.search(all_clauses[0].text)
            and any(f in PARK_ONLY for f in values)):
        values["applicant_type"] = "park"  # 园区有批复边界，有管委会…: the park speaks of itself
    if ("manufacturing_enterprise" not in values and not MANUFACTURING_NOT.search(text) and any(
            A_FACTORY.search(c.text) and not c.asked and not NOT_MANUFACTURING_PLANT.search(c.text)
            for c in all_clauses[:2])):
        values["manufacturing_enterprise"] = True  # 我哋系清远嘅水泥厂: a factory makes things
    if allowed_set is not None:
        values = {k: v for k, v in values.items() if k in allowed_set}
    if pending and values and set(values) <= set(pending) and PLAIN.fullmatch(text.strip(" 。.!！~")):
        return FactReading(values, {k: b for k, b in bounds.items() if k in values},
                           tuple(f for f in unsettled if f not in values), hypothetical).surely()
    return FactReading(values, {k: b for k, b in bounds.items() if k in values},
                       tuple(f for f in unsettled if f not in values), hypothetical)


LABELLED = re.compile(r"^(.+?)\s*[:：]\s*(是|否|不清楚|不确定|不知道|有|没有|无|符合|不符合|满足|不满足|yes|no|unknown|not sure)$")
MARKS = {"是": True, "有": True, "符合": True, "满足": True, "yes": True,
         "否": False, "没有": False, "无": False, "不符合": False, "不满足": False, "no": False}


def _labelled(all_clauses: list[Clause], pending: tuple[str, ...]) -> dict[str, Any]:
    """Every clause is "label: mark" for a label of the pending checklist: the marks, read as they are."""
    if len(pending) < 2:
        return {}
    by_label = {normalise(_CAT.facts[f].label.zh): f for f in pending}
    out: dict[str, Any] = {}
    rest: bool | None = None
    for c in all_clauses:
        m = LABELLED.match(c.text)
        if m is None or m.group(1) not in by_label:
            if REST_YES.search(c.text) or REST_NONE.search(c.text):
                rest = bool(REST_YES.search(c.text))
                continue
            return {}
        out[by_label[m.group(1)]] = MARKS.get(m.group(2))
    if out and rest is not None:
        out.update({f: rest if rest else _none_value(f) for f in pending if f not in out})
    return out


def _nth_fact(m: re.Match, pending: tuple[str, ...]) -> str | None:
    """第二项不符合: the checklist's second item, as it was shown."""
    try:
        n = cn_to_int(m.group(1))
    except ValueError:
        return None
    return pending[n - 1] if 1 <= n <= len(pending) else None


def _checklist_kind(pending: tuple[str, ...]) -> str | None:
    if len(pending) < 2:
        return None
    if set(pending) <= set(EXCLUSION_STEP):
        return "exclusions"
    if set(pending) <= set(CONDITION_STEP):
        return "conditions"
    return None


_STOP_BIGRAMS = {"被列", "列入", "列为", "名单", "或偷", "等事", "近三", "三年", "情况", "发生"}


def _by_label(clause: str, pending: tuple[str, ...], named: set[str]) -> str | None:
    """The checklist item a clause speaks of when it names no fact in so many words (已经移出了 → the item
    ...且未被移出): the one item whose label shares a word with it."""
    grams = {clause[i:i + 2] for i in range(len(clause) - 1)} - _STOP_BIGRAMS
    labels = {f: _CAT.facts[f].label.zh for f in pending}
    hits = [f for f in pending if f not in named and grams & {labels[f][i:i + 2] for i in range(len(labels[f]) - 1)}]
    return hits[0] if len(hits) == 1 else None


def _complementary_places(bare: list[str], found: list, pending: tuple[str, ...]) -> list:
    """江西赣州，厂在韶关: a place named on its own, next to one whose words say it is the production site, is
    the other one (the registration), and the other way round."""
    if len(bare) != 1:
        return []
    named = {f for f, *_ in found}
    site, reg = "operates_in_guangdong", "registered_in_guangdong"
    other = reg if site in named and reg not in named else site if reg in named and site not in named else None
    if other is None or (pending and other not in pending):
        return []
    inside = [p.in_guangdong for p in places(bare[0])]
    if all(inside):
        return [(other, True, False, None)]
    if not any(inside):
        return [(other, False, False, None)]
    return []


def _none_value(fact: str) -> Any:
    """What "none of these" says of a fact: no halt of 12 months or more is recorded as no halt (0)."""
    return 0 if fact == "longest_halt_months" else False


def _combine(found: list[tuple[str, Any, bool, str | None]], whole_correction: bool = False
             ) -> tuple[dict[str, Any], dict[str, str]]:
    """One value per fact. A correction overrides what came before it; otherwise an exclusion's occurrence
    in any clause stands (安全事故没有，但是漏税被罚过 → true), and two clauses that disagree about a condition
    leave it unread. A hedge about a fact makes it unknown unless another clause settles it."""
    values: dict[str, Any] = {}
    bounds: dict[str, str] = {}
    conflicted: set[str] = set()
    corrected_here: set[str] = set()
    for fact, value, corrects, bound in found:
        if (whole_correction and corrects and fact in corrected_here and fact in EXCLUSIONS
                and values.get(fact) is True and value is False):
            continue  # 你记错了：…定性为偷税…事故倒是没有: within one correction, the occurrence said stands
        if corrects:
            corrected_here.add(fact)
        if fact not in values or corrects:
            values[fact] = value
            conflicted.discard(fact) if corrects else None
            if bound:
                bounds[fact] = bound
            else:
                bounds.pop(fact, None)
            continue
        old = values[fact]
        if old == value and type(old) is type(value):
            continue
        if old is None or value is None:  # a hedge about a fact stands unless corrected
            values[fact] = None
        elif fact in EXCLUSIONS and value is True:
            values[fact] = True
        elif fact in EXCLUSIONS and old is True:
            continue
        elif fact == "longest_halt_months" and fact in bounds and not bound and value:
            values[fact] = value  # 停过大半年，差不多八个月: the number said after the rough one says it
            bounds.pop(fact)
        elif fact == "longest_halt_months":
            values[fact] = max(old, value)  # the longest halt is asked
        else:
            conflicted.add(fact)
    for fact in conflicted:
        values.pop(fact, None)
        bounds.pop(fact, None)
    return values, bounds


def _clause_facts(clause: str, pending: tuple[str, ...], asked: bool, unsettled: list[str], hedged: bool = False,
                  continuing: bool = False, answers: bool = True) -> list[tuple[str, Any, str | None]]:
    out: list[tuple[str, Any, str | None]] = []
    hedge = hedged or bool(HEDGE.search(clause))
    neg = _negated(clause)

    # where: a place settles registration and/or the production site
    named_places = places(clause)
    place_facts = _place_facts(clause, named_places, pending)
    for fact, value in place_facts:
        out.append((fact, None if hedge else value, None))
    place_done = {f for f, _ in place_facts}

    # how much: a halt's months, a park's share
    spoke_of_quantity = False  # 将近一年没生产 speaks of the halt even when it settles nothing
    for fact, reader, bar, up in (("longest_halt_months", read_duration, HALT_LINE, True),
                                  ("industrial_value_added_share", read_share, SHARE_LINE, False)):
        if not (CUES[fact].search(clause) or (pending == (fact,))):
            continue
        spoke_of_quantity = spoke_of_quantity or bool(CUES[fact].search(clause))
        if fact == "longest_halt_months" and not hedge:
            before = _outside_lookback(clause)
            if before is None:  # a halt on the look-back's edge: whether it counts is not known
                out.append((fact, None, None))
                continue
            if before:  # 2020年停过八个月: before 近三年, no halt within it
                out.append((fact, 0, None))
                continue
        span = month_span(clause) if fact == "longest_halt_months" else None
        q = reader(digits(clause)) if span is None else Quantity(span, span, span)
        if q is None and pending == (fact,) and fact == "longest_halt_months":
            q = bare_months(digits(clause))  # the months question answered "14" or "0"
        if q is None:
            if fact == "longest_halt_months" and CUES[fact].search(clause):
                if hedge:
                    out.append((fact, None, None))
                elif neg is True:  # 没停过产
                    out.append((fact, 0, None))
            elif pending == (fact,) and hedge:
                out.append((fact, None, None))
            elif (pending == (fact,) and fact == "longest_halt_months" and (neg is True or NO_START.match(clause))
                  and not any(cue.search(clause) for f, cue in CUES.items() if f != fact)):
                out.append((fact, 0, None))
            continue
        if hedge and not re.search(r"大概|大约|估计|左右", clause):
            out.append((fact, None, None))
            continue
        value = settle(q, bar, fails_from_bar_up=up)
        if value is None:
            unsettled.append(fact)
            continue
        value = int(value) if float(value).is_integer() else round(value, 1)
        bound = None if q.point is not None and q.low == q.high else _bound_text(fact, value, bar, up)
        out.append((fact, value, bound))

    # what: the applicant type
    kind = (None if asked and not (SELF.search(clause) or APPLY_AS.search(clause))
            else _applicant_type(clause, pending))
    if kind:
        out.append(("applicant_type", kind, None))

    # everything else: a fact's words, then what the clause says of it
    named = [f for f, cue in CUES.items()
             if f not in place_done and f not in ("longest_halt_months", "industrial_value_added_share")
             and cue.search(clause) and _cue_counts(f, clause, pending)]
    for fact in named:
        if fact in EXCLUSIONS and (OTHER_PARTY.search(clause) or _others(clause, fact)):
            continue  # 客户出过事故 is another's record
        if fact not in EXCLUSIONS and EXCEPT.search(clause):
            continue  # 是的，除了独立法人: the condition's side is left unsaid (除了出过一次事故 states the event)
        if fact == "creating_green_factory" and SUPPLIERS_CREATE.search(clause) and not OWN_CREATION.search(clause):
            continue  # 推动供应商创建绿色工厂: the suppliers create, which is the plan's part, not the enterprise's own
        value = _polarity(fact, clause, hedge, asked)
        if value is not _NOTHING:
            out.append((fact, value, None))
    if out or asked or spoke_of_quantity:
        return out

    # a clause that names no fact answers the pending question (its 没 is not a "no" to another question; 不是工厂
    # speaks of the type)
    if len(pending) == 1 and answers and not NOT_THE_TYPE.search(clause):
        fact = pending[0]
        if fact in ("longest_halt_months", "industrial_value_added_share", "applicant_type"):
            return out
        if hedge:
            return [(fact, None, None)]
        if fact in ONGOING_FACTS and (OWN_NEGATIONS[fact].search(clause) or ongoing(clause) == "goes_on"):
            return [(fact, True, None)]  # 现在还挂着 / still not finished: the state goes on
        if fact in ONGOING_FACTS and ongoing(clause) == "over":
            return [(fact, False, None)]
        if fact in EVENTS and _outside_lookback(clause):
            return [(fact, False, None)]
        if fact == "already_national_listed" and ONLY_PROVINCIAL.search(clause):
            return [(fact, False, None)]
        said = NOT_NEGATION.sub(" ", clause).strip()  # 不好意思 opens with no "no"
        if NO_START.match(said) and not re.match(r"不是没|没有不", clause):
            return [(fact, False, None)]
        if YES_START.match(said) or re.match(r"不是没|没有不", clause):
            return [(fact, True, None)]
        if _negated(clause) is True and not CORRECTION.search(clause) and not continuing:
            return [(fact, False, None)]
    elif len(pending) > 1 and hedge and not any(CUES[f].search(clause) for f in pending):
        return []
    return out


_NOTHING = object()


def _cue_counts(fact: str, clause: str, pending: tuple[str, ...]) -> bool:
    """Words that name a fact only in some settings: 生产 is a production site only with a place (handled
    above) and otherwise says the enterprise manufactures; 注册 without a place says nothing of Guangdong."""
    if fact in ("registered_in_guangdong", "operates_in_guangdong"):
        return pending == (fact,)  # 注册地？不清楚 — the pending question's own words
    if fact == "manufacturing_enterprise":
        if CUES["longest_halt_months"].search(clause):  # 没生产了 is a halt, not what the enterprise does
            return False
        return bool(CUES[fact].search(NOT_MANUFACTURING.sub("", clause)))
    if fact == "meets_national_standard":
        return "meets_national_standard" in pending or bool(re.search(r"标准|达标|standard", clause))
    if fact == "independent_legal_entity":
        return True
    if fact == "manufacturing_energy_function":  # 另一半是商贸: a share's other half, not the park's function
        return fact in pending or bool(re.search(r"主要|为主|主导|功能|main", clause, re.I))
    if fact == "inspection_serious_issue":
        return bool(re.search(r"督查|督察|巡视|大检查|inspection", clause)) or fact in pending
    return True


_NEGATES_NEXT = re.compile(r"(?:不是|并非|不算|唔系|不|没|非|not|n't|never)\s*(?:a|an|the|一家|一个|个)?\s*$", re.I)


def _negates_next(before: str) -> bool:
    """The words right before a word negate it (不是分公司, 不是贸易公司, not a branch)."""
    return bool(_NEGATES_NEXT.search(before[-6:]))


def _others(clause: str, fact: str) -> bool:
    """The circumstance is said of another party (去年有家二级供应商出过事故): one of them is named before the
    fact's words, with no word of the applicant's own after it."""
    at = CUES[fact].search(clause)
    if at is None:
        return False
    before = clause[:at.start()]
    other = _OTHER_PARTIES.search(before)
    if other is None or _SELF_WORDS.search(before[other.end():]):
        return False
    # the other party as the subject (去年有家供应商出过事故), not as an object (拖欠供应商货款被列为失信…)
    return other.start() <= 6 and not _GOVERNS.search(before[:other.start()])


_GOVERNS = re.compile(r"(?:拖欠|欠|给|向|对|跟|和|与|帮|替|为|owe|owed|to|for|with)\s*(?:了|的|the|our)?\s*$", re.I)


_OTHER_PARTIES = re.compile(alternation(table()["other_parties"]["words"]), re.I)
_SELF_WORDS = re.compile(alternation(table()["other_parties"]["self"]), re.I)


# The regulation's nouns that hold 生产/制造 without saying the enterprise manufactures (生产地址变了, 安全生产事故)
NOT_MANUFACTURING = re.compile(r"绿色制造|生产地址|生产经营范围|安全生产|生产安全")
MANUFACTURING_NOT = re.compile(r"贸易|销售|代理|服务|物流|软件|研发|设计|咨询|不生产|没有生产|冇生产|外发|外包|"
                               r"委托(?:加工|生产|代工|工厂)|找(?:人|工厂)?代工|找工厂|trading|"
                               r"logistics|software|service|consult")
MANUFACTURING_YES = re.compile(r"制造|生产线|车间|加工|代工|组装|自己生产|自主生产|工厂|(?<!电)厂|生产|manufactur|produce|factory|plant")
INDEPENDENT_YES = re.compile(r"独立法人|法人资格|独立核算|单独核算|自己核算|子公司|有限公司|股份公司|独立的公司|单独注册|"
                             r"independent|subsidiary|legal (?:person|entity)")
INDEPENDENT_NO = re.compile(r"分公司|办事处|事业部|个体户|(?:是|属于|算是?|只是|作为)[^，,。；;]{0,10}车间|不独立|非独立|总部(?:统一)?核算|集团(?:统一)?核算|总公司.{0,4}核算|"
                            r"branch|representative office|sole proprietor")


PAST = re.compile(r"(\d+|[一二三四五六七八九十两]+)\s*年(?:多)?(?:以)?前|(?<!\d)((?:19|20)\d\d)\s*年|"
                  r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten) years? ago")
EVENTS = events()


def _outside_lookback(clause: str) -> bool | None:
    """An event said to lie before the law's look-back (2020年出过事故, 四年前: 近三年 does not reach it): True; on
    its edge (三年前, 2023年): None; inside or undated: False."""
    where = placed(clause, _TODAY.get(date.today()), LOOKBACK_YEARS)
    return True if where == "outside" else None if where == "edge" else False


ONGOING_FACTS = frozenset(RESOLVED)  # facts that hold until something is done (移出, 整改完成)


def _polarity(fact: str, clause: str, hedge: bool, asked: bool, loose: bool = False) -> Any:
    if hedge:
        return None
    if fact in ONGOING_FACTS and (state := ongoing(OWN_NEGATIONS[fact].sub("", clause)
                                                  if OWN_NEGATIONS[fact].search(clause) else clause)) is not None:
        # 整改仲未搞掂 / still not removed: it holds; 早就移出了: it no longer does
        if OWN_NEGATIONS[fact].search(clause):
            return True
        return state == "goes_on"
    if fact in EVENTS:
        outside = _outside_lookback(clause)
        if outside is None:
            return None
        if outside:
            return False
    resolved = RESOLVED.get(fact)
    if resolved is not None and resolved.search(clause) and not re.search(r"(?:未|没|尚未|还没)(?:有)?(?:被)?(?:按要求)?"
                                                                          r"(?:完成)?(?:移出|整改)", clause):
        return False
    own = OWN_NEGATIONS.get(fact)
    t = own.sub(" ", clause) if own is not None else clause
    if fact == "manufacturing_enterprise":
        t = NOT_MANUFACTURING.sub("", t)
        yes, no = MANUFACTURING_YES.search(t), MANUFACTURING_NOT.search(t)
        if no and _negates_next(t[:no.start()]) and not re.search(r"不生产|没有生产|没生产", t):
            return True  # 我们做家具，不是贸易公司: what it is not is the trade
        neg = _negated(t)
        if no and yes:
            return _NOTHING if not re.search(r"不生产|没有生产|冇生产|只做|纯", t) else False
        if no:
            return False if neg is not False else True
        if yes:
            return False if neg is True else True
        return _NOTHING
    if fact == "independent_legal_entity":
        yes, no = INDEPENDENT_YES.search(t), INDEPENDENT_NO.search(t)
        if no and _negates_next(t[:no.start()]):
            return True  # 是独立法人，不是分公司: what it is not is the branch
        neg = _negated(t)
        if yes and no:  # 分公司，但独立核算 is cut at 但; 分公司，不独立核算 stays
            return False if neg is True else True
        if yes:
            return False if neg is True else True
        if no:
            return False if neg is not False else True
        return _NOTHING
    if fact == "manufacturing_energy_function" and re.search(r"商贸|物流|仓储|住宅|房地产|旅游|文旅|服务业", t):
        return False
    neg = _negated(t)
    if neg is True:
        return False
    if neg is False:
        return True
    if own is not None and own.search(clause):  # 列入经营异常名单且未被移出: the fact's own words, affirmed
        return True
    if AFFIRM.search(t) or re.search(r"[:：]\s*(?:是|有)", t) or (loose and YES_START.match(clause)):
        return True
    if fact in ("legal_boundary", "unified_management", "industry_leading", "park_cultivation_plan",
                "supplier_cultivation_plan", "creating_green_factory", "manufacturing_energy_function",
                "meets_national_standard", "already_national_listed"):
        # the fact's words in a statement with no negation say it holds (以制造业和热电联产为主, 行业龙头); the
        # words alone (国家级？) are an echo, not a statement
        if len(CUES[fact].sub("", t).strip(" 的了吧啊呀哦")) < 2 or ASKING.search(t):
            return _NOTHING
        if fact == "manufacturing_energy_function" and re.search(r"商贸|物流|住宅|房地产|旅游", t):
            return False
        if fact in ("park_cultivation_plan", "supplier_cultivation_plan") and re.search(r"起草|初稿|草稿|在做|在编|准备|计划中|"
                                                                                           r"draft", t):
            return False
        return True
    return _NOTHING


def _place_facts(clause: str, named: list, pending: tuple[str, ...]) -> list[tuple[str, bool]]:
    if not named:
        return []
    inside = [p.in_guangdong for p in named]
    value: bool | None
    if all(inside):
        value = True
    elif not any(inside):
        value = False
    elif BOTH_PLACES.search(clause) or re.search(r"两边|同", clause):  # 东莞一个厂，赣州一个厂: one site in Guangdong
        value = True
    else:
        value = None
    if re.search(r"不在|不是在|不喺|not in|不符合|不满足|[:：]\s*否", clause) and value is True:
        value = False
    if value is None:
        if REGISTERED_WORDS.search(clause) and SITE_WORDS.search(clause) and len(named) > 1:
            return _split_places(clause, named)  # 香港注册、东莞有厂: each place with its own words
        return []
    facts: list[str] = []
    if BOTH_PLACES.search(clause) and not re.search(r"两边", clause):
        facts = ["registered_in_guangdong", "operates_in_guangdong"]
    else:
        if REGISTERED_WORDS.search(clause):
            facts.append("registered_in_guangdong")
        # 我们工厂注册在深圳: the factory is what was registered; where it produces is not said
        site_words = SUBJECT_FACTORY.sub("", clause) if facts else clause
        if SITE_WORDS.search(site_words) and not re.search(r"总部|办公室|办事处|销售", clause):
            facts.append("operates_in_guangdong")
    if not facts:
        facts = [f for f in pending if f in ("registered_in_guangdong", "operates_in_guangdong")]
    if len(facts) == 2 and not BOTH_PLACES.search(clause) and len(named) > 1:
        return _split_places(clause, named)
    return [(f, value) for f in facts]


def _split_places(clause: str, named: list) -> list[tuple[str, bool]]:
    """香港注册、东莞有厂 written as one clause: each place goes with the words right after it (up to the next
    place), or else the words right before it (in English the other way round: registered in Hong Kong)."""
    from .text import is_english

    english = is_english(clause)
    reach = 20 if english else 6  # "registered in " is as far from its place as 注册
    out: list[tuple[str, bool]] = []
    for i, p in enumerate(named):
        end = named[i + 1].start if i + 1 < len(named) else len(clause)
        begin = named[i - 1].end if i else 0  # neither window reaches into another place's words
        after, before = clause[p.end:min(end, p.end + reach)], clause[max(begin, p.start - reach):p.start]
        for words in ((before, after) if english else (after, before)):  # registered in X; X注册
            if REGISTERED_WORDS.search(words):
                out.append(("registered_in_guangdong", p.in_guangdong))
                break
            if SITE_WORDS.search(words):
                out.append(("operates_in_guangdong", p.in_guangdong))
                break
    return out


def _applicant_type(clause: str, pending: tuple[str, ...]) -> str | None:
    """The type an applicant says it is (我们是园区管委会; 想报供应链), or the answer to the type question."""
    if NOT_THE_TYPE.search(clause) or FOR_OTHERS.search(clause):  # 我们不是工厂; 我们的客户(是工厂|可以报吗)
        return None
    if (changed := _type_change(clause)) is not None:  # 换成园区
        return next((k for k, p in TYPE_WORDS.items() if p.search(changed.group(0))), None)
    if BARE_TYPE.match(clause.strip(" 。.!！")) is not None and pending != ("applicant_type",):
        return None  # 是绿色工厂, to a supply-chain checklist, answers it; 不是工厂，是园区 is read whole (read_facts)
    clause = LOCATED_IN.sub("", clause)  # 我们是工业园里的一家工厂: where the factory is, not what it is
    kinds = [k for k, p in TYPE_WORDS.items() if p.search(clause)]
    if not kinds:
        return None
    if len(kinds) > 1 and COMPARES.search(clause):  # 工厂跟供应链有啥区别？ asks; it says neither
        return None
    if (named := TYPE_NAMED.fullmatch(clause.strip(" 。.!！~"))) is not None:  # 绿色供应链管理企业，香港注册…
        return next(k for k, p in TYPE_WORDS.items() if p.search(named.group(1)))
    if pending == ("applicant_type",) and len(kinds) == 1:
        return kinds[0]
    if not (SELF.search(clause) or APPLY.search(clause) or pending == ("applicant_type",)):
        return None
    if re.search(r"培育计划|创建|名单|园区内|区内企业|供应商|build|creat", clause) and not APPLY.search(clause):
        return None  # 园区内企业, 绿色工厂培育计划: a type's words, not the speaker's type
    if len(kinds) == 1:
        return kinds[0]
    # 我们园区想申报绿色工厂: what "we" are comes first
    first = min(kinds, key=lambda k: TYPE_WORDS[k].search(clause).start())
    return first


def changes_type(text: str) -> bool:
    """Once the type is known, only words that change it (换成园区, 不是工厂，是园区) or say what the enterprise is
    (我们是园区; 说错了，是园区) change it: 我们自己也在申报绿色工厂, from a supply-chain enterprise, does not, nor
    does a question which type to apply as (按园区申报还是工厂？)."""
    parts = clauses(text)
    return bool(NOT_BUT_TYPE.search(text)) or _type_corrected(parts) is not None or any(
        _type_change(c.text) is not None or IS_TYPE.search(c.text) for c in parts)


def _type_change(clause: str) -> re.Match | None:
    """The words of a change of type the applicant asks for (换成园区; 我们想按绿色工厂申报), not one said of others
    (要求供应商按绿色工厂申报) nor a question between types (按园区申报还是工厂？)."""
    changed = CHANGE_TYPE.search(clause)
    return None if changed is None or CHANGE_FOR_OTHERS.search(clause) or COMPARES.search(clause) else changed


def _type_corrected(parts: list[Clause]) -> str | None:
    """说错了，是园区 / 是园区，不对，是工厂: the type said after the last take-back (是绿色工厂 alone may be a
    supply-chain enterprise's own green factory, not a type)."""
    back = max((i for i, c in enumerate(parts) if TAKES_BACK.search(c.text)), default=None)
    if back is None:
        return None
    for c in parts[back:]:
        if (said := BARE_TYPE.search(c.text.strip(" 。.!！"))) is not None and said.group("type") != "绿色工厂":
            return said.group("type")
    return None


def _bound_text(fact: str, value: float, bar: float, up: bool) -> str:
    if fact == "longest_halt_months":
        return f"≥{bar:g}" if value >= bar else f"<{bar:g}"
    return f">{bar:g}" if value > bar else f"≤{bar:g}"
