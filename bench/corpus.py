"""A synthetic but realistic site repository for benchmarks.

    python bench/corpus.py OUT_DIR N [--seed S]

writes OUT_DIR/checks/ (a copy of this repository's checks/) and N articles under
OUT_DIR/content/<column>/<year>/a-NNNNNN.md, spread over every column of
checks/registry/columns.yml. The articles read like the bureau's own: work news,
notices, legal-aid guides, 普法 activities, enforcement publicity with masked personal
data, personnel notices, plans, policy documents and their interpretations. Bodies are
800 to 2,500 characters of Markdown with ## headings, lists and tables.

The corpus is meant to be CLEAN: `govpub check` reports nothing on it. Everything that
a content rule looks at is chosen to pass: only registered places and leaders (with
their exact titles), no person name one character off a leader's, only masked ID and
mobile numbers, only registered public phone numbers, valid 统一社会信用代码, links to
trusted domains only, full-width Chinese punctuation.

Output is deterministic for a given (N, seed). Importable: generate(out_dir, n, seed).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import shutil
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import yaml

from govpub.rules.privacy._checksums import uscc_check_char

CHECKS = Path(__file__).resolve().parent.parent / "checks"
MARKER = ".bench-corpus.json"  # written into OUT_DIR; lets a re-run replace an old corpus
FIRST_DAY = date(2024, 1, 1)
LAST_DAY = date(2026, 11, 20)  # fixed, so the corpus never depends on today's date
BODY_MIN, BODY_MAX = 800, 2500


def _lines(block: str) -> tuple[str, ...]:
    return tuple(s.strip() for s in block.strip().splitlines() if s.strip())


# ---------------------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------------------
SURNAMES = _lines("""
陈 林 黄 李 吴 梁 张 王 刘 何 杨 郑 罗 莫 冯 邓 许 谢 蔡 庞 钟 周 叶 苏 潘 朱 邱 彭 曾 詹 洪 麦 揭 文 全 符
""".replace(" ", "\n"))
GIVEN = _lines("""
嘉欣 晓晴 志鹏 文涛 海燕 思远 振宇 嘉怡 少杰 慧敏 永康 丽华 雅琴 建新 秋萍 俊杰 婉婷 国平 明辉 金凤
晓东 永红 子豪 卓然 伟健 碧霞 绍文 燕玲 春梅 锦华 宇航 家乐 一鸣 浩然 靖雯 国良 泽楷 美玲 宏伟
""".replace(" ", "\n"))

MEETINGS = _lines("""
全市司法行政工作会议
局党组理论学习中心组学习会议
全面依法治市工作推进会
法治政府建设工作推进会
政务公开和政务新媒体工作会议
安全生产和信访维稳工作会议
全面从严治党工作会议
上半年工作总结会
行政执法协调监督工作座谈会
公共法律服务体系建设推进会
""")
TRAININGS = _lines("""
人民调解员业务培训班
行政执法人员法律知识培训班
社区矫正工作人员业务培训班
法律援助案件质量提升培训班
政务信息写作和新媒体运营培训班
司法所长履职能力提升培训班
行政复议应诉业务培训班
“法律明白人”骨干培训班
""")
FIELDS = _lines("""
基层司法所规范化建设
公共法律服务实体平台建设
社区矫正
人民调解
法治乡村建设
行政执法协调监督
法律援助
安置帮教
""")
PARTY = _lines("""
“七一”主题党日活动
党纪学习教育专题读书班
廉政警示教育活动
“我为群众办实事”法律服务志愿活动
青年干部理论学习交流会
机关作风建设专项整治活动
""")
SECTOR = _lines("""
律师行业
公证行业
司法鉴定行业
基层法律服务行业
""")
SEASONS = _lines("""
春节前
清明节前
“五一”前
汛期
中秋国庆节前
年底前
""")
HOLIDAYS = _lines("""
元旦
春节
清明节
劳动节
端午节
中秋节
国庆节
""")
LAW_FIRM_WORDS = _lines("""
南珠明法 港城 湛海 粤西正言 雷阳 鉴江 海湾 南方正信 红土 北部湾 金沙湾 碧海 南粤衡平 湛蓝 观海
椰风 琼州海峡 法正 德衡 正平 同心 明镜 信达 雷州半岛 寸金
""".replace(" ", "\n"))
NOTARY_ITEMS = _lines("""
继承公证
委托公证
房屋买卖合同公证
学历学位公证
出生公证
遗嘱公证
保全证据公证
""")
THEMES = _lines("""
宪法宣传周
民法典宣传月
“4·15”全民国家安全教育日
防范电信网络诈骗宣传月
“12·4”国家宪法日
“6·26”国际禁毒日
法治文化节
青少年法治宣传教育周
""")
LAWS = _lines("""
《中华人民共和国宪法》
《中华人民共和国民法典》
《中华人民共和国法律援助法》
《中华人民共和国人民调解法》
《中华人民共和国社区矫正法》
《中华人民共和国行政处罚法》
《中华人民共和国行政复议法》
《中华人民共和国律师法》
《中华人民共和国公证法》
《中华人民共和国反电信网络诈骗法》
《中华人民共和国未成年人保护法》
《中华人民共和国乡村振兴促进法》
""")

# (document name, subject of its provisions, the law it is based on)
PROVINCIAL_DOCS = (
    ("广东省法律援助经济困难标准规定", "法律援助", "《中华人民共和国法律援助法》"),
    ("广东省人民调解工作规范", "人民调解", "《中华人民共和国人民调解法》"),
    ("广东省司法行政机关行政处罚裁量权基准", "行政处罚", "《中华人民共和国行政处罚法》"),
    ("广东省社区矫正实施细则", "社区矫正", "《中华人民共和国社区矫正法》"),
    ("广东省公证执业活动投诉处理办法", "公证执业活动投诉处理", "《中华人民共和国公证法》"),
    ("广东省律师事务所年度检查考核实施办法", "律师事务所年度检查考核", "《中华人民共和国律师法》"),
    ("广东省基层司法所规范化建设标准", "基层司法所建设", "《中华人民共和国人民调解法》"),
    ("广东省法治宣传教育基地管理办法", "法治宣传教育基地管理", "《中华人民共和国宪法》"),
    ("广东省村（社区）法律顾问工作规定", "村（社区）法律顾问", "《中华人民共和国律师法》"),
)
MINISTRY_DOCS = (
    ("法律援助值班律师工作办法", "值班律师", "《中华人民共和国法律援助法》"),
    ("公共法律服务平台建设工作规范", "公共法律服务平台建设", "《中华人民共和国法律援助法》"),
    ("人民调解员等级评定办法", "人民调解员等级评定", "《中华人民共和国人民调解法》"),
    ("司法鉴定机构诚信等级评估办法", "司法鉴定机构诚信等级评估", "《中华人民共和国行政许可法》"),
)
LOCAL_DOCS = (
    ("湛江市司法局行政执法公示办法", "行政执法公示", "《中华人民共和国行政处罚法》"),
    ("湛江市司法局重大行政执法决定法制审核办法", "重大行政执法决定法制审核", "《中华人民共和国行政处罚法》"),
    ("湛江市“法律明白人”培育管理办法", "“法律明白人”培育管理", "《中华人民共和国乡村振兴促进法》"),
    ("湛江市公共法律服务工作站建设规范", "公共法律服务工作站建设", "《中华人民共和国法律援助法》"),
    ("湛江市司法局政府网站和政务新媒体信息发布管理办法", "信息发布", "《中华人民共和国政府信息公开条例》"),
    ("湛江市社区矫正对象分类管理办法", "社区矫正对象分类管理", "《中华人民共和国社区矫正法》"),
    ("湛江市人民调解案件补贴办法", "人民调解案件补贴", "《中华人民共和国人民调解法》"),
)
ISSUERS = {
    "province": ("广东省司法厅", "https://sft.gd.gov.cn/sfw/zwgk/zcwj/content/post_{n}.html", "粤司规"),
    "ministry": ("司法部", "https://www.moj.gov.cn/pub/sfbgw/zwgk/tzwj/{n}.html", "司规"),
}

# ---------------------------------------------------------------------------------------
# Sentence pools. Slots in braces are filled per article (see Ctx.fill).
# ---------------------------------------------------------------------------------------
P = {}
P["achieve"] = _lines("""
全市各级司法行政机关围绕中心、服务大局，在推进全面依法治市、建设法治政府等方面发挥了职能作用。
市委全面依法治市委员会各协调小组运转顺畅，年度法治建设重点任务全部按期推进。
党政主要负责人履行推进法治建设第一责任人职责情况纳入年终述职内容，述法工作实现全覆盖。
全市行政执法案卷评查共抽查案卷{n3}宗，评查发现的问题已全部反馈整改。
行政复议受理案件{n3}宗，审结率达{pct}%，行政复议纠错率保持合理水平。
市、县两级建成法治文化公园（广场）{n2}个，法治文化阵地覆盖面不断扩大。
全市律师共担任村（社区）法律顾问{n4}个，实现村（社区）法律顾问全覆盖。
全市公证机构共办理各类公证事项{n5}件，群众办证更加便捷高效。
全市司法鉴定机构共办理鉴定案件{n4}宗，鉴定质量和公信力稳步提升。
全市安置帮教工作平稳有序，刑满释放人员衔接率达{pct}%。
全市{n3}个司法所完成规范化建设，基层司法行政基础进一步夯实。
开展“法律服务进园区”活动，组织律师为{n3}家企业提供法律服务。
全市人民调解员队伍不断壮大，专职人民调解员达到{n3}名。
“湛江市公共法律服务”微信公众号全年发布信息{n3}条，普法宣传影响力持续扩大。
过去一年，全市司法行政系统坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，各项工作取得新进展。
全市各级人民调解组织共排查矛盾纠纷{n4}宗，调解成功{n4}宗，调解成功率保持在{pct}%以上。
全市法律援助机构共办理法律援助案件{n4}宗，为受援人挽回经济损失{n4}万元。
12348公共法律服务热线全年接听群众来电{n5}人次，群众满意度达{pct}%。
全市共有社区矫正对象{n4}名，未发生重大脱管漏管和重新违法犯罪案件。
市、县、镇、村四级公共法律服务实体平台实现全覆盖，群众在家门口就能获得法律服务。
全市建成国家级民主法治示范村（社区）{n2}个、省级民主法治示范村（社区）{n3}个。
行政复议案件办理质效持续提升，通过调解、和解方式结案的案件占比逐年提高。
全市共培育“法律明白人”{n4}名，实现每个村（社区）至少有一名“法律明白人”。
律师、公证、司法鉴定等法律服务行业监管不断加强，行业秩序持续向好。
{county}司法局创新推出“法律服务进万家”活动，累计开展入户走访{n4}户次。
全市规范性文件和重大行政决策合法性审核全部做到应审必审，全年审核各类文件{n3}件。
普法责任制全面落实，全市{n2}家市直单位向社会公开普法责任清单。
全市政府网站和政务新媒体信息发布严格执行“三审三校”制度，全年未发生信息发布差错。
{county}率先建成县级公共法律服务中心一站式服务大厅，群众办事实现“只进一扇门”。
全市法律援助工作站实现人民法院、人民检察院和看守所全覆盖，值班律师共提供法律帮助{n4}人次。
依法办理律师执业许可、律师事务所设立许可等行政许可事项{n3}件，全部在法定时限内办结。
""")
P["task"] = _lines("""
统筹推进全面依法治市，健全党委领导法治建设的制度机制
严格规范性文件和重大行政决策合法性审核，做到应审必审
巩固提升行政执法质量，全面推行行政执法“三项制度”
发挥行政复议化解行政争议主渠道作用，提高行政复议案件办理质效
深入实施{pufa}普法规划，全面落实“谁执法谁普法”普法责任制
加强“法律明白人”培育，推进民主法治示范村（社区）建设
推进公共法律服务实体平台规范化建设，提升12348热线接通率和满意度
扩大法律援助覆盖面，落实法律援助值班律师制度，做到应援尽援
坚持和发展新时代“枫桥经验”，常态化开展矛盾纠纷排查化解
依法规范开展社区矫正和安置帮教工作，维护社会和谐稳定
加强律师、公证、司法鉴定、仲裁等行业监管，促进行业健康发展
坚持党建引领，纵深推进全面从严治党，持续加强作风建设
加强政府网站和政务新媒体管理，严格落实信息发布“三审三校”制度
开展分层分类业务培训，提升干部队伍法治素养和履职能力
加强基层司法所建设，充实基层司法行政工作力量
深化涉外法治工作，为企业“走出去”提供优质法律服务
""")
P["require"] = _lines("""
要提高政治站位，深刻认识做好司法行政工作的重要意义，切实增强责任感和使命感。
要突出工作重点，紧盯关键环节，以钉钉子精神推动各项任务落地见效。
要加强督促检查，定期通报工作进展情况，对落实不力的单位及时约谈提醒。
要注重总结提炼，形成一批可复制、可推广的经验做法。
要强化底线思维，加强风险研判，及时发现和化解各类风险隐患。
要加强队伍建设，持续提升干部职工的法治素养和业务能力。
要严格落实意识形态工作责任制，加强政府网站和政务新媒体内容管理。
要加强与公安、法院、检察院等部门的沟通协作，形成工作合力。
要注重运用信息化手段，提升工作效率和服务水平。
要落实中央八项规定及其实施细则精神，坚决反对形式主义、官僚主义。
会议要求，全局上下要进一步统一思想认识，以更高标准、更实举措抓好各项工作落实。
各科室、直属单位要对照年度目标任务，细化工作措施，明确责任人和完成时限。
要坚持问题导向，对工作中存在的短板弱项建立台账，逐项整改销号。
要强化担当作为，主动服务全市经济社会发展大局，为湛江高质量发展提供有力法治保障。
要加强统筹协调，各县（市、区）司法局要加强上下联动，形成工作合力。
要严格落实安全生产责任制，做好重要节点的值班值守和应急处置工作。
要持续加强作风建设，驰而不息纠治“四风”，营造风清气正的干事创业氛围。
要加强宣传引导，及时总结推广基层的好经验、好做法，讲好湛江法治故事。
要严守信息发布纪律，所有信息发布前必须经过三级审核，确保内容准确。
要坚持以人民为中心，把群众满意不满意作为检验工作成效的根本标准。
""")
P["county_work"] = _lines("""
{county}司法局推行“调解+司法确认”工作模式，调解协议履行率明显提高。
{county}在每个镇（街道）建立公共法律服务工作站，每个村（社区）设立法律服务室。
{county}司法局联合县（市、区）法院建立诉调对接机制，引导当事人优先选择调解方式解决纠纷。
{town_full}司法所推行“网格+调解”模式，矛盾纠纷在网格内发现、在网格内化解。
{county}司法局组织律师开展“法律服务进园区”活动，为中小企业提供法律咨询。
{county_b}建立社区矫正对象“一人一档”管理制度，落实分类管理和个别化矫正措施。
{county}司法局开展“法治体检进村居”活动，帮助村（社区）完善村规民约。
{town_full}组织“法律明白人”开展“以案释法”宣讲，用身边事教育身边人。
{county}司法局组织镇（街道）司法所深入村（社区）开展走访，及时掌握群众法律需求。
{county}依托镇（街道）综治中心设立矛盾纠纷调处化解中心，实现“一站式接收、一揽子调处”。
{town_full}司法所联合派出所、法庭建立联调机制，一批邻里纠纷得到及时化解。
{county}司法局组建由律师、公证员和人民调解员组成的服务队，定期到偏远村（社区）开展服务。
{county}把“法律明白人”纳入网格员队伍，协助开展矛盾纠纷排查和法治宣传。
{county}司法局在{town_full}试点“法律服务驿站”，就近为群众提供法律咨询和代写文书服务。
{county}司法局与人社、住建等部门联合设立劳动争议调解室，集中受理拖欠工资诉求。
{county_b}司法局创新开展“巡回调解”，把调解庭开到田间地头和渔港码头。
""")
P["training"] = _lines("""
开班式上，市司法局有关负责同志作动员讲话，对参训学员提出明确要求。
培训内容涵盖政策解读、业务规范、案例分析等多个方面，既有理论高度又有实践深度。
培训结合近年来基层工作中出现的新情况新问题，有针对性地设置了专题课程。
培训期间，学员们严格遵守培训纪律，认真听课、积极发言，学习氛围浓厚。
在分组讨论环节，学员们结合各自工作实际交流经验做法，提出了不少有价值的意见建议。
通过培训，学员们进一步掌握了工作方法，提升了依法履职的能力。
培训还安排了业务骨干经验分享环节，由基层一线同志介绍典型做法。
本次培训坚持理论学习与实务操作相结合，紧扣基层工作中的难点问题设置课程。
授课老师结合真实案例讲解法律条文，学员围绕工作中的疑难问题开展分组讨论。
培训采取专题授课、案例研讨、现场教学和结业测试相结合的方式进行。
参训学员表示，培训内容贴近实际、针对性强，回去后将把所学知识运用到日常工作中。
培训结束后，组织参训人员进行了闭卷测试，测试成绩将纳入年度考核。
培训邀请了高校教师、资深律师和业务骨干授课，课程设置兼顾理论性与实践性。
培训期间还组织学员到{town_full}司法所开展现场教学，实地学习规范化建设经验。
""")
P["course"] = _lines("""
习近平法治思想的核心要义和实践要求
民法典婚姻家庭编、继承编重点条文解读
土地承包经营权流转和宅基地纠纷的法律适用
人民调解工作方法与调解协议的制作
行政执法程序规范和案卷评查标准
社区矫正对象监督管理和教育帮扶实务
法律援助案件办理质量标准
防范电信网络诈骗和非法集资知识
运用新媒体开展普法宣传的方法技巧
政务信息写作规范和信息发布审核要求
行政复议法修订的主要内容
""")
P["research"] = _lines("""
在{town_full}，调研组详细了解了公共法律服务工作站的服务事项、办理流程和群众评价情况。
调研组与基层调解员、“法律明白人”面对面交流，了解矛盾纠纷排查化解的具体做法。
调研组强调，要坚持把基层基础工作放在重要位置，推动资源力量向基层倾斜。
调研组要求，要加强对基层工作人员的业务指导，提高规范化水平。
调研组一行还查看了法治文化阵地建设情况，对阵地建设和使用管理提出了具体意见。
调研组对基层同志扎根一线、服务群众的工作作风给予了肯定。
调研组表示，将对基层反映的困难和问题进行梳理，积极协调有关部门研究解决。
调研组一行先后来到{town_full}司法所、公共法律服务工作站和村（社区）法律服务室，实地察看场所建设和工作开展情况。
在座谈会上，调研组听取了{county}司法局关于{field}工作的情况汇报，与基层工作人员深入交流。
调研组充分肯定了{county}在{field}方面取得的成效，认为工作思路清晰、措施扎实、特色鲜明。
调研组指出，{county}要进一步补齐基层工作短板，推动各项工作提质增效。
调研中，基层同志反映了人员力量不足、经费保障不到位等困难，调研组逐一作了记录。
调研组要求，对调研中发现的问题要建立清单，明确整改时限，确保问题整改到位。
调研组随机查阅了工作台账和案卷材料，对资料归档不规范的问题当场提出整改意见。
""")
P["mediation"] = _lines("""
各地坚持排查与化解并重，对一般性矛盾纠纷及时就地化解。
对重大疑难复杂纠纷，由县（市、区）司法局牵头组织联合调解。
各级人民调解组织加强与派出所、法庭的协作配合，推动形成“公调对接”“诉调对接”工作格局。
各地落实节日期间值班值守制度，保持人民调解组织工作渠道畅通。
部分地区组织人民调解员开展上门回访，确保调解协议履行到位。
市司法局建立矛盾纠纷排查化解工作日报告制度，及时掌握各地工作进展。
各县（市、区）司法局组织镇（街道）、村（社区）人民调解委员会深入村（居）、企业和工地开展排查。
对排查出的矛盾纠纷，实行“一事一登记、一案一专人”，明确责任人和化解时限。
对可能激化的矛盾纠纷，第一时间报告属地党委、政府并协同稳控。
对调解不成的纠纷，及时引导当事人通过仲裁、诉讼等法定途径解决。
{county}组织“法律明白人”协助开展入户排查，发挥了“人熟、地熟、情况熟”的优势。
截至{md}，全市各级人民调解组织共排查矛盾纠纷{n4}余宗，调解成功{n4}余宗。
{county_b}司法局联合人社、住建等部门设立联合调解室，集中受理讨薪诉求。
行业性专业性人民调解组织在医疗、交通、物业等领域发挥了积极作用。
""")
P["dispute"] = _lines("""
婚姻家庭、邻里关系、赡养抚养等家事纠纷
拖欠农民工工资等劳动争议纠纷
土地承包、山林权属、宅基地等涉农纠纷
物业管理、房屋租赁等城市社区纠纷
涉及群体性诉求、可能激化的苗头性纠纷
渔业生产和海域使用引发的纠纷
道路交通事故损害赔偿纠纷
""")
P["party"] = _lines("""
局党组书记带头讲授专题党课，结合司法行政工作实际，对党员干部提出要求。
各党支部通过集中学习、专题研讨、交流发言等方式，推动学习教育走深走实。
活动中，党员干部结合思想和工作实际，认真查找自身存在的差距和不足。
局机关党委把活动开展情况纳入党支部工作考核内容，推动活动取得实效。
党员志愿者走进社区，为群众提供法律咨询，帮助解决实际困难。
通过开展活动，党员干部的宗旨意识和服务意识进一步增强。
局机关各党支部将以此次活动为新的起点，持续推动党建与业务深度融合。
活动中，全体党员面对党旗重温入党誓词，进一步坚定理想信念。
大家一致表示，要以此次活动为契机，把学习成果转化为推动司法行政工作高质量发展的实际成效。
局机关各党支部结合业务工作实际，开展了形式多样的学习交流活动。
活动坚持学用结合，组织党员干部到{town_full}开展法律服务志愿活动，为群众解答法律问题。
通过观看警示教育片、学习典型案例，党员干部进一步增强了纪律意识和规矩意识。
局党组要求各党支部把党的建设与业务工作同谋划、同部署、同落实。
党员干部纷纷表示，要以案为鉴、以案促改，始终做到忠诚干净担当。
""")
P["sector"] = _lines("""
推进律师行业党的建设，实现党的组织和党的工作全覆盖。
规范公证执业行为，推进公证服务减证便民，持续提升群众满意度。
加强司法鉴定机构和鉴定人执业监管，严格执业准入和退出管理。
开展行业专项整治，严肃查处违法违规执业行为。
引导法律服务机构积极参与公共法律服务，主动承担社会责任。
完善执业投诉处理机制，及时回应群众关切。
全市现有律师事务所{n3}家、执业律师{n4}名，公证机构{n2}家，司法鉴定机构{n2}家。
行业协会组织开展执业规范专题教育，引导从业人员依法诚信执业。
对群众投诉反映的问题，依法依规开展调查处理，处理结果及时向投诉人反馈。
组织律师深入企业开展“法治体检”，帮助企业防范合同风险和经营风险。
推动律师积极参与涉法涉诉信访、公益法律服务和村（社区）法律顾问工作。
开展年度检查考核和执业质量评查，评查结果作为评先评优的重要依据。
""")
P["pufa"] = _lines("""
各地组织普法志愿者走进农贸市场、渔港码头和集镇，开展面对面普法宣传。
市司法局联合教育部门在中小学开展“法治进校园”巡回宣讲，覆盖学生{n4}余人次。
活动注重运用新媒体平台，开展网上法律知识竞答，参与人数超过{n4}人次。
{county}法治文化公园设置宪法宣誓墙、法治长廊等，成为群众身边的普法阵地。
普法宣传聚焦群众关心关注的婚姻家庭、劳动就业、消费维权等问题，做到有的放矢。
各地组织“法律明白人”进村入户，把法律知识送到群众家门口。
执法部门结合执法办案开展以案释法，让群众在每一个案件中感受到公平正义。
活动还组织律师团队为企业开展合规经营讲座，帮助企业提升依法经营水平。
活动现场设置了法律咨询台和普法展板，律师、公证员和人民调解员为群众解答法律问题。
工作人员向过往群众发放宣传资料和普法读本，讲解与日常生活密切相关的法律知识。
据统计，活动当天共接待群众咨询{n3}余人次，发放宣传资料{n4}余份。
活动设置了“法律知识有奖问答”环节，吸引不少市民踊跃参与。
普法志愿者结合身边案例，用通俗易懂的语言讲解法律条文，现场气氛热烈。
各地结合本地实际，创新宣传形式，推动法律知识进机关、进乡村、进社区、进学校、进企业、进网络。
通过“湛江市公共法律服务”微信公众号推出系列普法短视频和案例解读，累计阅读量超过{n5}人次。
{county}把普法宣传与乡村振兴相结合，在{town_full}建成一批法治文化阵地。
{county_b}组织法治文艺小分队进村演出，用群众喜闻乐见的形式宣传法律知识。
学校邀请法治副校长讲授法治教育课，引导青少年从小养成尊法学法守法用法的习惯。
普法工作坚持“谁执法谁普法”，执法人员在执法过程中同步开展以案释法。
""")
P["pufa_item"] = _lines("""
组织国家工作人员学习宪法和相关法律法规，将法治教育纳入干部教育培训内容
依托“法律明白人”和村（居）法律顾问，在农村、社区开展以案释法活动
在中小学开展主题班会和法治讲座，加强青少年法治教育
组织律师深入企业开展“法治体检”，帮助企业防范法律风险
通过政务新媒体推出普法短视频和案例解读
利用法治文化公园、法治广场等阵地开展集中宣传
在公共场所电子显示屏滚动播放普法标语
组织开展法律知识竞赛和法治文艺汇演
""")
P["case"] = _lines("""
张某与邻居李某因宅基地界线问题发生争执，双方多次协商未果。村人民调解委员会受理后，调解员实地测量、查阅档案，最终促成双方达成调解协议。
王某在某工地务工期间被拖欠工资，向当地公共法律服务工作站求助。工作站为其指派法律援助律师，经过协商，王某足额拿到了劳动报酬。
陈某接到自称“客服”的电话，对方以退款为由诱导其下载软件并转账。经民警及时劝阻，陈某避免了财产损失。
刘某年老体弱，子女以各种理由拒绝支付赡养费。在司法所的调解下，子女们签订了赡养协议，按月支付赡养费用。
黄某驾驶电动车与行人发生碰撞，双方对赔偿金额分歧较大。交通事故人民调解委员会依法调解，双方最终达成一致。
某村民在未办理审批手续的情况下擅自占用耕地建房，经村“法律明白人”上门讲解法律规定，当事人主动停工并自行整改。
""")
P["case_lesson"] = _lines("""
法官提醒：遇到纠纷要依法理性维权，可以向人民调解委员会申请调解，也可以通过诉讼途径解决。
律师提示：签订合同时要仔细核对条款内容，保留好相关凭证，发生纠纷时才能有据可依。
以案释法：赡养父母是子女的法定义务，不因父母的婚姻关系变化或者子女放弃继承权而免除。
以案释法：凡是要求下载陌生软件、屏幕共享或者向“安全账户”转账的，都是诈骗。
以案释法：劳动者被拖欠工资的，可以向劳动保障监察机构投诉，也可以申请法律援助。
""")
P["service"] = _lines("""
申请人应当如实说明经济困难状况，法律援助机构可以依法核查。
法律援助机构应当向社会公布法律援助的申请条件、办理程序和服务地点。
公证机构应当在规定时限内出具公证书，对不符合条件的申请依法作出不予办理的决定。
人民调解委员会调解民间纠纷，应当坚持自愿、平等的原则，不得违背法律、法规和国家政策。
群众对法律服务工作有意见和建议的，可以向当地司法行政部门反映。
老年人、残疾人等特殊群体申办法律服务的，可以享受优先办理、上门服务等便利措施。
法律援助机构对符合条件的申请人应当及时提供法律援助，不得拖延。
法律援助是国家建立的为经济困难公民和符合法定条件的其他当事人无偿提供法律咨询、代理、刑事辩护等法律服务的制度。
法律援助机构自收到申请之日起7日内作出是否给予法律援助的决定。
决定给予法律援助的，自作出决定之日起3日内指派律师或者法律援助工作人员。
受指派人员依法提供法律援助服务，不收取任何费用。
申请人对法律援助机构不予法律援助的决定有异议的，可以向设立该机构的司法行政部门提出。
群众可以通过现场、电话、网络等多种方式申请法律服务，真正做到“一站式”办理。
公共法律服务中心设置法律援助、公证、人民调解、法律咨询等服务窗口，为群众提供综合服务。
人民调解不收取任何费用，调解达成的协议具有法律约束力。
经人民调解委员会调解达成的调解协议，双方当事人可以共同向人民法院申请司法确认。
公证机构办理公证事项，应当遵守法律，坚持客观、公正的原则。
当事人申办公证，应当如实说明申请公证事项的有关情况，提供真实、合法、充分的证明材料。
12348公共法律服务热线提供全天候法律咨询服务，咨询不收取任何费用。
法律援助由国家无偿提供，任何单位和个人不得以法律援助名义收取费用。
""")
P["aid_item"] = _lines("""
依法请求国家赔偿
请求给予社会保险待遇或者社会救助
请求发给抚恤金
请求给付赡养费、抚养费、扶养费
请求确认劳动关系或者支付劳动报酬
请求认定公民无民事行为能力或者限制民事行为能力
请求获得环境污染、生态破坏损害赔偿
请求工伤事故、交通事故、食品药品安全事故、医疗事故人身损害赔偿
法律、法规、规章规定的其他情形
""")
P["material"] = _lines("""
有效身份证件，代理申请人还应当提交代理权限证明
经济困难状况的说明表，申请人进行个人诚信承诺
与所申请事项有关的证明材料
户口簿、结婚证等身份关系证明材料
房屋所有权证书或者不动产权证书
委托他人代为办理的，提交授权委托书
""")
P["place"] = _lines("""
现场办理：湛江市公共法律服务中心综合服务窗口，各县（市、区）公共法律服务中心
网上办理：中国法律服务网（[www.12348.gov.cn](https://www.12348.gov.cn/)）
网上办理：广东法律服务网（[gd.12348.gov.cn](https://gd.12348.gov.cn/)）
咨询电话：12348公共法律服务热线，0759-3338126（湛江市公共法律服务中心）
办理时间：法定工作日上午8时30分至12时，下午14时30分至17时30分
""")
P["enforce"] = _lines("""
行政执法人员在执法过程中主动出示执法证件，告知当事人依法享有的权利。
重大行政执法决定在作出前全部经过法制审核，确保合法合规。
行政执法全过程记录制度全面落实，执法案卷归档规范。
本公示涉及自然人的信息已按照个人信息保护有关规定作去标识化处理。
当事人对行政处罚决定不服的，可以自收到行政处罚决定书之日起60日内依法申请行政复议，或者自收到行政处罚决定书之日起6个月内依法提起行政诉讼。
本公示信息的公示期限为自作出行政处罚决定之日起三年。
公示期间，当事人认为公示信息有误的，可以向本局提出更正申请。
行政执法公示按照“谁执法谁公示”的原则，由作出行政执法决定的科室负责。
行政执法决定作出之日起7个工作日内，在本局门户网站予以公示。
""")
P["law_ground"] = _lines("""
《中华人民共和国律师法》第四十八条第（一）项
《中华人民共和国律师法》第五十条第一款第（一）项
《中华人民共和国公证法》第四十一条第（三）项
《司法鉴定机构登记管理办法》第三十九条
《律师事务所管理办法》第六十二条
""")
P["violation"] = _lines("""
当事人在执业期间私自接受委托、收取费用，未通过所在律师事务所统一收案、统一收费
该所未严格执行统一收案、统一收费制度，对本所律师私自接受委托、收取费用的行为疏于管理
当事人在同一案件中为双方当事人担任代理人
该机构超出登记的业务范围从事司法鉴定业务
当事人以不正当手段承揽业务，扰乱法律服务市场秩序
""")
P["notice"] = _lines("""
请各单位高度重视，精心组织，确保各项工作按时完成。
报名人员应当对所提交信息和材料的真实性负责，弄虚作假的，依照有关规定处理。
请报名人员通过官方渠道报名，谨防上当受骗。本局未委托任何机构或者个人组织考前培训。
具体安排如有调整，以本局官方网站发布的信息为准。
遇节假日调整的，以现场公示为准。
群众前往窗口办理业务的，请携带本人有效身份证件及相关材料。
公示期间，个人或者单位可以通过来电、来信、来访等方式反映情况和问题。
对反映的问题，将按照有关规定认真调查核实，并对反映人的信息严格保密。
反映问题应当实事求是、客观公正，提倡署真实姓名或者单位名称。
逾期未办理的，视为自动放弃。
""")
P["provision"] = _lines("""
市、县两级司法行政部门应当明确专门机构或者人员负责{subject}工作，并保持工作人员相对稳定。
乡镇人民政府、街道办事处应当支持配合做好本辖区内的{subject}工作。
村（居）民委员会应当协助做好{subject}相关的宣传、登记和信息报送工作。
{subject}工作实行首问负责制和一次性告知制度，不得推诿、拖延。
申请人提交的材料不齐全或者不符合法定形式的，应当当场或者在5个工作日内一次性告知需要补正的全部内容。
对符合条件的申请，应当依法及时受理；对不符合条件的，应当书面告知理由。
办理结果应当及时告知当事人，并告知其依法享有的权利和救济途径。
司法行政部门应当建立{subject}工作满意度评价制度，定期开展回访。
{subject}工作中形成的文书，应当使用统一的格式文本。
司法行政部门可以通过政府购买服务等方式，引导社会力量参与{subject}工作。
司法行政部门应当将{subject}工作情况纳入政府信息公开内容，依法向社会公开。
违反本办法规定的，由司法行政部门责令改正；情节严重的，依法依规处理。
司法行政部门应当向社会公布{subject}工作的服务事项、办理条件和监督渠道。
办理{subject}事项的工作人员应当具备相应的专业知识和业务能力，并定期参加培训。
司法行政部门应当运用信息化手段，推进{subject}事项网上办理，方便群众办事。
有关单位应当建立健全{subject}工作档案，档案保存期限按照国家有关规定执行。
司法行政部门应当定期对{subject}工作开展情况进行检查评估，并将结果向社会公开。
对老年人、残疾人等特殊群体，应当在{subject}工作中提供便利措施。
司法行政部门应当将{subject}工作纳入年度工作考核内容。
{subject}工作中涉及国家秘密、商业秘密和个人隐私的，应当依法予以保护。
为了规范{subject}工作，保障当事人合法权益，根据{law}等法律法规，结合本地实际，制定本办法。
本办法适用于本行政区域内的{subject}工作。
县级以上司法行政部门负责本行政区域内{subject}工作的指导和监督管理。
{subject}工作应当坚持依法、公正、便民、高效的原则。
司法行政部门应当建立健全{subject}工作制度，加强工作人员业务培训。
有关单位应当在醒目位置公示{subject}的办理条件、办理程序和监督电话。
办理{subject}事项，应当自受理之日起15个工作日内办结；情况复杂的，经批准可以延长10个工作日。
司法行政部门应当建立{subject}工作台账，通过回访、抽查、案卷评查等方式加强质量监管。
对在{subject}工作中成绩显著的单位和个人，按照国家有关规定给予表彰和奖励。
工作人员在{subject}工作中滥用职权、玩忽职守、徇私舞弊的，依法依规追究责任。
{subject}工作所需经费纳入同级财政预算，并随经济社会发展逐步增加。
有关单位应当为{subject}工作提供必要的场所、设施和人员保障。
司法行政部门应当会同有关部门建立信息共享和工作协调机制。
当事人对{subject}工作有异议的，可以向司法行政部门投诉，司法行政部门应当及时调查处理。
本办法由司法行政部门负责解释。
""")
P["interp"] = _lines("""
《办法》注重保障群众合法权益，对便民措施作出了专门规定。
《办法》强化了监督管理，明确了违规行为的责任追究。
《办法》与现行法律法规相衔接，保持了制度的统一性和连续性。
《办法》明确了办理时限，对各环节的工作要求作出了细化规定。
《办法》的施行，将进一步推动{subject}工作规范化、制度化开展。
《办法》的出台，对于规范{subject}工作、保障群众合法权益具有重要意义。
《办法》坚持问题导向，针对实践中存在的工作标准不统一、保障不到位等问题作出了规定。
《办法》明确了各方职责，细化了工作程序，增强了制度的可操作性。
《办法》总结吸收了近年来各地开展{subject}工作的成熟经验和做法。
《办法》在起草过程中，广泛征求了有关部门、基层单位和社会公众的意见。
""")
P["plan"] = _lines("""
制定年度法治督察计划，开展法治建设专项督察
加强行政复议规范化建设，推进行政复议案件繁简分流
完善行政执法协调监督工作体系，开展行政执法监督检查
落实国家工作人员学法用法制度，组织开展年度学法考试
推进法治文化阵地建设，打造一批法治文化精品
加强青少年法治宣传教育，深化“法治进校园”活动
深化村（社区）法律顾问工作，提升法律顾问服务实效
推进公证服务减证便民，扩大公证“最多跑一次”事项范围
加强司法鉴定行业监管，开展执业质量评查
推进行业性专业性人民调解组织建设
加强刑满释放人员安置帮教工作，落实必接必送
深化智慧司法建设，提升司法行政信息化水平
落实意识形态工作责任制，加强政务新媒体内容管理
推进机关作风建设，持续整治形式主义、官僚主义
健全法律顾问和公职律师制度，发挥其在依法决策中的作用
推动党政主要负责人切实履行推进法治建设第一责任人职责，实现述法工作全覆盖
开展法治建设规划实施情况中期评估
严格规范性文件备案审查，做到有件必备、有备必审、有错必纠
推进行政执法“三项制度”常态化，开展行政执法案卷评查
组织开展宪法宣传周、民法典宣传月等主题普法活动
推进市、县、镇、村四级公共法律服务实体平台规范化建设
落实法律援助值班律师制度，做到应援尽援
健全人民调解、行政调解、司法调解联动工作体系
常态化开展矛盾纠纷排查化解，重要节点前组织专项排查
加强社区矫正对象分类管理和教育帮扶
加强律师、公证、司法鉴定等行业监管
加强政府网站和政务新媒体管理，落实信息发布“三审三校”制度
开展分层分类业务培训，提升干部队伍法治素养
推进基层司法所规范化建设，充实基层工作力量
深化“放管服”改革，推进公共法律服务事项网上办理
""")
P["next"] = _lines("""
下一步，湛江市司法局将继续坚持以人民为中心的发展思想，不断提升司法行政工作水平。
下一步，市司法局将认真总结经验做法，推动各项工作再上新台阶。
下一步，市司法局将加强跟踪指导，确保各项措施落地见效。
下一步，市司法局将进一步完善工作机制，推动工作常态化、制度化开展。
下一步，市司法局将指导各县（市、区）分级分批开展工作，年内实现全覆盖。
下一步，市司法局将持续深化普法宣传教育，推动全社会形成尊法学法守法用法的良好氛围。
下一步，市司法局将加强督促检查，对工作推进不力的单位予以通报。
""")
P["supervise"] = _lines("""
本局建立行政执法案卷评查制度，每年组织开展一次执法案卷评查。
行政执法人员全部持证上岗，并按规定参加年度法律知识培训和考试。
对群众投诉反映的执法问题，依法依规调查处理，处理结果及时反馈。
行政执法公示信息实行动态更新，确保公示信息及时、准确、完整。
本局行政执法事项清单、执法依据和执法程序已在门户网站公开，接受社会监督。
""")
P["outlook"] = _lines("""
市司法局将把这项工作作为推进全面依法治市的重要抓手，持续用力、久久为功。
市司法局将加强对各县（市、区）的工作指导，及时协调解决工作中遇到的困难和问题。
市司法局将建立健全长效机制，推动工作从“有”向“优”转变。
市司法局将加强与有关部门的协作配合，形成齐抓共管的工作格局。
市司法局将注重发挥典型示范作用，适时召开现场会推广经验做法。
市司法局将把工作成效纳入年度绩效考核，压实各级工作责任。
市司法局将持续加强宣传报道，营造良好的社会氛围。
市司法局将坚持问题导向，对发现的问题建立清单、限期整改。
市司法局将结合群众需求，不断丰富服务内容，创新服务方式。
市司法局将加大经费保障力度，推动工作条件持续改善。
市司法局将加强信息化建设，推动工作流程网上运行、数据共享。
市司法局将组织开展“回头看”，巩固提升工作成果。
各县（市、区）司法局将结合本地实际，制定具体实施方案，细化工作措施。
各县（市、区）司法局将加强对镇（街道）司法所的指导，推动工作在基层落地落实。
各级司法行政机关将主动服务全市经济社会发展大局，在法治轨道上推进各项工作。
各级司法行政机关将以更加饱满的精神状态、更加务实的工作作风，推动各项工作落实。
全市司法行政系统将坚持以人民为中心，着力解决群众急难愁盼的法律问题。
全市司法行政系统将进一步强化责任担当，为建设更高水平的法治湛江贡献力量。
""")
P["closing"] = _lines("""
群众如需法律咨询，可拨打12348公共法律服务热线，或前往就近的公共法律服务中心（站、室）咨询。
群众在生活中遇到矛盾纠纷，可向所在村（社区）人民调解委员会申请调解，也可拨打12348公共法律服务热线咨询。
欢迎社会各界对司法行政工作提出意见和建议，联系电话：0759-3338120。
有关情况可向湛江市司法局办公室咨询，联系电话：0759-3338120。
""")


# ---------------------------------------------------------------------------------------
# Per-article context
# ---------------------------------------------------------------------------------------
CN_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1..99 as Chinese numerals: 一, 十, 十一, 二十三."""
    if n < 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")


def uscc(rng: random.Random, kind: str = "31") -> str:
    """A 统一社会信用代码 with a valid check character (GB 32100-2015), letters inside."""
    body = kind + "440800" + "MD" + "".join(rng.choice("0123456789") for _ in range(7))
    return body + uscc_check_char(body)


@dataclass
class Registry:
    """What the generator takes from checks/registry/."""

    columns: list[dict]
    counties: dict[str, list[str]]  # county-level unit -> its towns and streets
    leaders: list[tuple[str, str]]  # (title, name) of leaders in office
    leader_names: set[str]
    people: list[str] = field(default_factory=list)
    firms: list[tuple[str, str]] = field(default_factory=list)  # (name, USCC)

    @classmethod
    def load(cls, checks: Path) -> Registry:
        reg = checks / "registry"
        columns = yaml.safe_load((reg / "columns.yml").read_text("utf-8"))["columns"]
        counties: dict[str, list[str]] = {}
        places_file = reg / "places.yml"
        if places_file.is_file():
            places = yaml.safe_load(places_file.read_text("utf-8"))["places"]
            for p in places:
                if p["kind"] in ("district", "county", "county_city") and p["parent"] == "湛江市":
                    counties[p["name"]] = []
            for p in places:
                if p["kind"] in ("town", "township", "street") and p["parent"] in counties:
                    counties[p["parent"]].append(p["name"])
        if not counties:  # a registry without places: the bare county-level names
            counties = {"赤坎区": [], "霞山区": [], "雷州市": [], "遂溪县": []}
        leaders: list[tuple[str, str]] = []
        names: set[str] = set()
        leaders_file = reg / "leaders.yml"
        if leaders_file.is_file():
            data = yaml.safe_load(leaders_file.read_text("utf-8")) or {}
            for entry in data.get("leaders") or []:
                names.add(str(entry["name"]))
                start = str(entry.get("from") or "1900-01-01")
                end = entry.get("to")
                # only leaders in office over the whole date range of the corpus
                if start <= FIRST_DAY.isoformat() and (end is None or str(end) >= LAST_DAY.isoformat()):
                    leaders.append((str(entry["title"]), str(entry["name"])))
        return cls(columns, counties, leaders, names)

    def near_leader(self, name: str) -> bool:
        """Same as a leader's name or one character off it (the typo rules would flag it)."""
        for leader in self.leader_names:
            if len(leader) == len(name) and sum(a != b for a, b in zip(leader, name, strict=True)) <= 1:
                return True
        return False


class Ctx:
    """One article's slot values; fill() expands {slot} in a template."""

    def __init__(self, rng: random.Random, reg: Registry, when: datetime) -> None:
        self.rng = rng
        self.reg = reg
        self.when = when
        self.used: set[str] = set()
        event = when - timedelta(days=rng.randint(0, 4))
        if event.year != when.year:
            event = when
        self.event = event
        counties = list(reg.counties)
        self.county = rng.choice(counties)
        self.county_b = rng.choice([c for c in counties if c != self.county] or counties)
        towns = reg.counties[self.county]
        self.town = rng.choice(towns) if towns else ""
        self.fixed = {
            "year": str(when.year),
            "prev_year": str(when.year - 1),
            "month": str(when.month),
            "md": f"{event.month}月{event.day}日",
            "county": self.county,
            "county_b": self.county_b,
            "town_full": self.county + self.town if self.town else self.county + "城区",
            "pufa": "“八五”" if when.year <= 2025 else "“九五”",
            "field": rng.choice(FIELDS),
            "subject": "",
            "law": rng.choice(LAWS),
        }
        self.random: dict[str, Callable[[], str]] = {
            "n2": lambda: str(rng.randint(12, 98)),
            "n3": lambda: str(rng.randint(120, 980)),
            "n4": lambda: str(rng.randint(1200, 9800)),
            "n5": lambda: str(rng.randint(12000, 98000)),
            "pct": lambda: f"{rng.randint(90, 99)}.{rng.randint(1, 9)}",
            "person": self.person,
        }

    def person(self) -> str:
        return self.rng.choice(self.reg.people)

    def fill(self, template: str) -> str:
        def one(m: re.Match[str]) -> str:
            key = m.group(1)
            if key in self.fixed:
                return self.fixed[key]
            return self.random[key]()

        return re.sub(r"\{(\w+)\}", one, template)

    def pick(self, pool: str, k: int | None = None) -> list[str]:
        """k sentences of a pool, none used before in this article (figures must not clash)."""
        fresh = [s for s in P[pool] if s not in self.used]
        items = fresh if fresh else list(P[pool])
        chosen = self.rng.sample(items, min(k or 1, len(items)))
        self.used.update(chosen)
        return [self.fill(s) for s in chosen]

    def say(self, pool: str, start: str) -> str:
        """The one sentence of a pool that starts with `start` (marked as used)."""
        (sentence,) = [s for s in P[pool] if s.startswith(start)]
        self.used.add(sentence)
        return self.fill(sentence)

    def left(self, pool: str) -> int:
        return sum(s not in self.used for s in P[pool])

    def para(self, pool: str, lo: int = 2, hi: int = 3) -> str:
        return "".join(self.pick(pool, self.rng.randint(lo, hi)))

    def bullets(self, pool: str, lo: int = 3, hi: int = 6, numbered: bool = False) -> str:
        items = self.pick(pool, self.rng.randint(lo, hi))
        out = []
        for i, item in enumerate(items, 1):
            # phrases get "；" and a final "。"; full sentences keep their own "。"
            end = "" if item.endswith("。") else "。" if i == len(items) else "；"
            out.append(f"{i}. {item}{end}" if numbered else f"- {item}{end}")
        return "\n".join(out)

    def leader(self) -> str:
        if not self.reg.leaders:
            return "市司法局主要负责同志"
        title, name = self.rng.choice(self.reg.leaders)
        return f"局{title}{name}"

    def masked_mobile(self) -> str:
        r = self.rng
        return f"1{r.choice('3578')}{r.randint(0, 9)}****{r.randint(0, 9999):04d}"

    def masked_id(self) -> str:
        return "4408" + "*" * 10 + f"{self.rng.randint(0, 9999):04d}"


def table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------
# Article kinds. Each returns (title, front-matter extras, sections, sign-off); a section
# is (heading or None, Markdown block). Sections after the first few are optional
# filler the assembler adds or drops to reach the target length.
# ---------------------------------------------------------------------------------------
Section = tuple[str | None, str]


@dataclass
class Draft:
    title: str
    intro: str
    sections: list[Section]  # in order; the assembler keeps a prefix that fits
    closing: str = ""
    numbered: bool = False  # headings numbered 一、二、…
    sign_off: bool = False
    summary: str = ""
    extra: dict = field(default_factory=dict)
    tail: list[Section] = field(default_factory=list)  # always kept, after the sections
    more: tuple[str, ...] = ("achieve", "require")  # pools for extra paragraphs when short


def k_meeting(c: Ctx) -> Draft:
    name = c.rng.choice(MEETINGS)
    title = c.rng.choice([f"湛江市司法局召开{c.fixed['year']}年{name}",
                          f"湛江市司法局召开{name}", f"湛江市司法局召开{name}部署下阶段重点工作"])
    intro = (f"{c.fixed['md']}，湛江市司法局召开{name}，总结前一阶段工作，分析当前形势，部署下一阶段重点任务。"
             f"{c.leader()}出席会议并讲话，局领导班子成员、各科室和直属单位主要负责同志参加会议。")
    return Draft(title, intro, [
        ("工作取得新成效", c.para("achieve", 5, 7)),
        ("明确重点任务", "会议强调，要重点抓好以下几方面工作：\n\n" + c.bullets("task", 4, 7)),
        ("基层经验交流", "会上，各县（市、区）司法局作了交流发言。" + c.para("county_work", 4, 5)),
        ("压实工作责任", c.para("require", 4, 5)),
        ("会议要求", c.para("require", 3, 4)),
        ("推动工作落实", c.para("outlook", 3, 5)),
    ], more=("require", "outlook"), closing=c.pick("next")[0],
        summary=f"{c.fixed['md']}，湛江市司法局召开{name}，总结工作成效，部署下一阶段重点任务。")


def k_training(c: Ctx) -> Draft:
    name = c.rng.choice(TRAININGS)
    n = c.rng.randint(60, 200)
    intro = (f"为进一步提升业务能力和履职水平，{c.fixed['md']}，湛江市司法局举办{c.fixed['year']}年{name}。"
             f"各县（市、区）司法局分管负责同志、镇（街道）司法所工作人员等约{n}人参加培训。")
    rows = [(f"第{cn_number(i)}讲", course) for i, course in enumerate(c.pick("course", c.rng.randint(4, 6)), 1)]
    return Draft(f"湛江市司法局举办{c.fixed['year']}年{name}", intro, [
        ("培训内容", "本次培训紧扣基层工作实际设置课程：\n\n" + c.bullets("course", 4, 6)),
        ("培训方式", c.para("training", 4, 5)),
        ("课程安排", table(("课次", "内容"), rows)),
        ("工作要求", "市司法局有关负责同志在开班动员时指出，" + c.para("require", 4, 5)),
        ("学员反响", c.para("training", 3, 4)),
        ("推动工作落实", c.para("outlook", 3, 5)),
    ], more=("training", "outlook"), closing=c.pick("next")[0],
        summary=f"湛江市司法局举办{c.fixed['year']}年{name}，约{n}人参加培训。")


def k_research(c: Ctx) -> Draft:
    f = c.fixed["field"]
    verb = c.rng.choice(["调研", "督导检查"])
    intro = (f"{c.fixed['md']}，{c.leader()}带队到{c.fixed['county']}{verb}{f}工作，"
             f"{c.fixed['county']}司法局主要负责同志陪同。")
    return Draft(f"湛江市司法局到{c.fixed['county']}{verb}{f}工作", intro, [
        ("实地察看", c.para("research", 4, 5)),
        ("座谈交流", c.para("research", 4, 5)),
        ("基层做法", c.para("county_work", 4, 5)),
        ("工作要求", c.para("require", 4, 5)),
        ("整改落实", c.para("research", 3, 4)),
        ("推动工作落实", c.para("outlook", 3, 5)),
    ], more=("research", "require", "outlook"), closing=c.pick("next")[0])


def k_mediation(c: Ctx) -> Draft:
    season = c.rng.choice(SEASONS)
    intro = (f"{season}，为营造安全稳定的社会环境，湛江市司法局部署全市各级人民调解组织开展矛盾纠纷集中排查化解工作，"
             "坚持和发展新时代“枫桥经验”，努力把矛盾纠纷化解在基层、化解在萌芽状态。")
    return Draft(f"湛江市司法局部署{season}矛盾纠纷排查化解工作", intro, [
        ("聚焦重点领域开展排查", "各地重点排查以下几类矛盾纠纷：\n\n" + c.bullets("dispute", 4, 6)),
        ("阶段性成效", c.para("mediation", 4, 5)),
        ("典型案例", c.pick("case")[0] + c.pick("case_lesson")[0]),
        ("基层创新做法", c.para("county_work", 4, 5)),
        ("强化值班值守", c.para("mediation", 3, 4)),
        ("推动工作落实", c.para("outlook", 3, 5)),
    ], more=("mediation", "county_work", "outlook"), closing=c.say("closing", "群众在生活中遇到矛盾纠纷"))


def k_party(c: Ctx) -> Draft:
    act = c.rng.choice(PARTY)
    intro = f"{c.fixed['md']}，湛江市司法局机关党委组织开展{act}，局机关全体党员干部参加。"
    return Draft(f"湛江市司法局开展{act}", intro, [
        (None, c.para("party", 3, 4)),
        ("学习内容", "党员干部围绕以下内容开展学习研讨：\n\n" + c.bullets("task", 3, 5)),
        ("以学促干", c.para("party", 4, 5)),
        ("工作要求", c.para("require", 4, 5)),
        ("活动成效", c.para("party", 3, 4)),
        ("推动工作落实", c.para("outlook", 3, 5)),
    ], more=("party", "outlook"), closing=c.pick("next")[0])


def k_sector(c: Ctx) -> Draft:
    s = c.rng.choice(SECTOR)
    intro = f"近日，湛江市司法局召开全市{s}监督管理工作会议，通报行业发展情况，部署加强行业监管、提升服务质量工作。"
    return Draft(f"湛江市司法局部署加强{s}监督管理工作", intro, [
        ("行业基本情况", c.para("sector", 3, 4) + c.para("achieve", 2, 3)),
        ("加强行业监管", c.para("sector", 4, 5)),
        ("主要措施", c.bullets("task", 3, 5, numbered=True)),
        ("工作要求", c.para("require", 4, 5)),
        ("推动工作落实", c.para("outlook", 3, 5)),
    ], more=("require", "outlook"), closing=c.pick("next")[0])


def k_notice_exam(c: Ctx) -> Draft:
    y = c.fixed["year"]
    return Draft(f"关于{y}年国家统一法律职业资格考试湛江考区报名有关事项的通知",
                 f"根据司法部关于{y}年国家统一法律职业资格考试的公告，现将湛江考区报名有关事项通知如下。", [
        ("报名条件", "符合以下条件的人员，可以报名参加考试：\n\n" + "\n".join(f"{i}. {t}" for i, t in enumerate([
            "具有中华人民共和国国籍；", "拥护中华人民共和国宪法，享有选举权和被选举权；",
            "具有良好的政治、业务素质和道德品行；", "具有完全民事行为能力；",
            "符合司法部公告规定的学历、学位和从事法律工作年限等条件。"], 1))),
        ("报名方式和时间", "考试报名采取网上报名方式。报名人员应当在规定时间内登录司法部官方网站"
         "（[www.moj.gov.cn](https://www.moj.gov.cn/)）国家统一法律职业资格考试网上报名系统，如实填写报名信息。\n\n"
         + table(("事项", "时间"), [("网上报名", f"{y}年6月22日8时至6月30日17时"),
                                  ("网上资格审核", f"{y}年6月22日至7月3日"),
                                  ("现场资格审核", f"{y}年7月6日至7月8日"),
                                  ("网上缴费", "以报名系统提示时间为准")])),
        ("资格审核", "湛江考区由湛江市司法局负责资格审核。网上审核提示需现场审核的报名人员，应当携带本人有效身份证件、"
         "学历学位证书原件等材料，在上述时间内到湛江市司法局法律职业资格管理窗口办理。" + c.say("notice", "逾期未办理")),
        ("其他事项", c.bullets("notice", 2, 3, numbered=True)),
    ], more=("notice",), closing="咨询电话：0759-3338120（法定工作日上午8时30分至12时，下午14时30分至17时30分）\n\n特此通知。",
        numbered=True, sign_off=True)


def k_notice_duty(c: Ctx) -> Draft:
    y, m = c.fixed["year"], c.fixed["month"]
    places = ["湛江市公共法律服务中心法律援助窗口", "湛江市中级人民法院法律援助工作站",
              "湛江市人民检察院法律援助工作站", "湛江市看守所法律援助工作站",
              f"{c.fixed['county']}公共法律服务中心"]
    days = ["每周一、三、五", "每周二、四", "每周一至周五", f"{m}月1日至15日", f"{m}月16日至月底"]
    rows = [(c.rng.choice(places), c.rng.choice(days), c.person()) for _ in range(c.rng.randint(5, 9))]
    return Draft(f"湛江市法律援助工作站{y}年{m}月值班律师安排公告",
                 f"为落实法律援助值班律师制度，依法为没有辩护人的犯罪嫌疑人、被告人以及有需要的群众提供法律帮助，"
                 f"现将{y}年{m}月湛江市法律援助值班律师安排公告如下。", [
        ("值班地点和时间", "值班时间为法定工作日上午8时30分至12时，下午14时30分至17时30分。遇节假日调整的，以现场公示为准。\n\n"
         + table(("值班地点", "值班日期", "值班律师"), rows)),
        ("值班律师职责", "值班律师依法提供以下法律帮助：\n\n" + "\n".join(f"{i}. {t}" for i, t in enumerate([
            "提供法律咨询；", "提供程序选择建议；", "帮助犯罪嫌疑人、被告人申请变更强制措施；",
            "对案件处理提出意见；", "帮助犯罪嫌疑人、被告人及其近亲属申请法律援助。"], 1))
         + "\n\n值班律师提供法律帮助不收取任何费用。"),
        ("有关说明", c.bullets("notice", 2, 3, numbered=True)),
    ], more=("notice", "service"), closing="咨询电话：12348（公共法律服务热线），0759-3338126（湛江市公共法律服务中心）\n\n特此公告。",
        numbered=True, sign_off=True)


def k_notice_holiday(c: Ctx) -> Draft:
    h = c.rng.choice(HOLIDAYS)
    y = c.fixed["year"]
    return Draft(f"关于{y}年{h}期间公共法律服务窗口服务安排的公告",
                 f"根据国务院办公厅关于{y}年部分节假日安排的通知，结合工作实际，现将{h}期间湛江市公共法律服务中心窗口服务安排公告如下。", [
        ("窗口服务安排", f"{h}放假期间，湛江市公共法律服务中心窗口暂停现场服务，节后第一个工作日恢复正常办公。"
         "放假期间，12348公共法律服务热线正常提供法律咨询服务。"),
        ("网上服务渠道", "放假期间，群众可以通过以下渠道获得法律服务：\n\n" + c.bullets("place", 3, 4)),
        ("紧急事项处理", "在押犯罪嫌疑人、被告人需要法律帮助的，可以向办案机关或者看守所提出，由办案机关或者看守所通知值班律师。"
         + c.pick("service")[0]),
        ("温馨提示", c.para("notice", 1, 2)),
    ], more=("service",), closing="特此公告。", numbered=True, sign_off=True)


def k_notice_consult(c: Ctx) -> Draft:
    name, subject, _ = c.rng.choice(LOCAL_DOCS)
    c.fixed["subject"] = subject
    deadline = c.when.date() + timedelta(days=30)
    return Draft(f"关于公开征求《{name}（征求意见稿）》意见的公告",
                 f"为提高制度建设的科学性和透明度，广泛听取社会各界意见，现将《{name}（征求意见稿）》全文公布，公开征求意见。", [
        ("起草背景", f"为进一步规范{subject}工作，根据有关法律法规和上级工作部署，结合本市实际，我局起草了《{name}（征求意见稿）》。"
         + c.pick("interp")[0].replace("《办法》", "征求意见稿")),
        ("主要内容", "征求意见稿主要包括以下内容：\n\n" + c.bullets("plan", 3, 5)),
        ("反馈方式", f"社会各界可以在{deadline.year}年{deadline.month}月{deadline.day}日前，通过以下方式提出意见和建议：\n\n"
         "- 信函：寄湛江市司法局法治调研科，信封上请注明“意见征集”字样；\n"
         "- 电话：0759-3338120（法定工作日上午8时30分至12时，下午14时30分至17时30分）。"),
        ("有关说明", c.para("notice", 1, 2)),
    ], more=("notice",), closing="特此公告。", numbered=True, sign_off=True)


def k_notice_review(c: Ctx) -> Draft:
    y = c.when.year - 1
    firms = c.rng.sample(c.reg.firms, min(len(c.reg.firms), c.rng.randint(6, 12)))
    rows = [(name, c.rng.choice(["合格", "合格", "合格", "基本合格"])) for name, _ in firms]
    return Draft(f"湛江市{y}年度律师事务所年度检查考核结果公示",
                 f"根据《律师事务所年度检查考核办法》，经律师事务所自查、市律师协会初审、市司法局审核，"
                 f"现将湛江市{y}年度律师事务所年度检查考核结果公示如下。", [
        ("考核结果", table(("律师事务所", "考核等次"), rows)),
        ("公示时间", "公示期为5个工作日。" + c.say("notice", "公示期间，个人或者单位")),
        ("联系方式", "联系电话：0759-3338120。来信请寄湛江市司法局律师工作管理科，信封上请注明“年度考核公示反映情况”字样。"),
        ("有关要求", c.bullets("notice", 2, 3, numbered=True)),
    ], more=("notice",), numbered=True, sign_off=True)


def k_policy(c: Ctx, zcwj: list) -> Draft:  # zcwj unused: same signature as k_interp
    scope = c.rng.choice(["province", "province", "ministry", "local"])
    y = c.when.year
    num = c.rng.randint(1, 30)
    if scope == "local":
        name, subject, law = c.rng.choice(LOCAL_DOCS)
        issuer = "湛江市司法局"
        doc_number = f"{c.rng.choice(['湛司规', '湛司发'])}〔{y}〕{num}号"
        repost = None
        addressee = "各县（市、区）司法局，局机关各科室、直属各单位："
    else:
        name, subject, law = c.rng.choice(PROVINCIAL_DOCS if scope == "province" else MINISTRY_DOCS)
        issuer, url, code = ISSUERS[scope]
        doc_number = f"{code}〔{y}〕{num}号"
        published = c.when.date() - timedelta(days=c.rng.randint(1, 10))
        if published.year != y:
            published = c.when.date()
        repost = {"source_name": issuer, "source_url": url.format(n=c.rng.randint(3000000, 4999999)),
                  "published": published.isoformat()}
        addressee = ("各地级以上市司法局，厅机关各处室：" if scope == "province"
                     else "各省、自治区、直辖市司法厅（局），新疆生产建设兵团司法局：")
    c.fixed["subject"] = subject
    c.fixed["law"] = law
    issued = (c.when.date() if repost is None else date.fromisoformat(repost["published"])) - timedelta(days=2)
    intro = (f"{addressee}\n\n现将《{name}》印发给你们，请认真贯彻执行。执行中遇到的问题，请及时向{issuer}反映。\n\n"
             f"{issuer}\n\n{issued.year}年{issued.month}月{issued.day}日")
    first = c.say("provision", "为了规范")
    last_but_one = c.say("provision", "本办法由")
    body_provisions = [first, *c.pick("provision", c.rng.randint(9, 32)), last_but_one]
    chapters = ["总则", "职责分工", "工作程序", "保障和监督", "附则"]
    last = f"本办法自{y}年{min(c.when.month + 1, 12)}月1日起施行，有效期5年。"
    per = max(1, len(body_provisions) // 4)
    groups = [body_provisions[i * per:(i + 1) * per] for i in range(3)]
    groups.append(body_provisions[3 * per:])
    groups.append([last])
    sections: list[Section] = [(name, "")]
    number = 0
    for ci, (chap, group) in enumerate(zip(chapters, groups, strict=True), 1):
        lines = []
        for p in group:
            number += 1
            lines.append(f"**第{cn_number(number)}条** {p}")
        if lines:
            sections.append((f"### 第{cn_number(ci)}章 {chap}", "\n\n".join(lines)))
    tail: list[Section] = []
    if repost is not None:
        d = date.fromisoformat(repost["published"])
        tail.append(("转载说明", f"转载来源：{issuer}门户网站。原文发布时间：{d.year}年{d.month}月{d.day}日。"
                     f"原文链接：[{repost['source_url']}]({repost['source_url']})"))
    extra = {"doc_number": doc_number}
    if repost is not None:
        extra["repost"] = repost
    draft = Draft(f"{issuer}关于印发《{name}》的通知", intro, sections, tail=tail, extra=extra, more=(),
                  summary=f"{'转载' if repost else '印发'}《{name}》，明确{subject}工作的职责分工、工作程序和保障监督等内容。")
    draft.extra["_doc"] = (name, subject)
    return draft


def k_interp(c: Ctx, zcwj: list) -> Draft:
    target = None
    recent = [z for z in zcwj if timedelta(0) <= c.when - z[0] <= timedelta(days=60)]
    if recent:  # interpretations follow their policy within weeks
        target = c.rng.choice(recent)
        name, subject = target[2]
    else:
        name, subject, _ = c.rng.choice(LOCAL_DOCS)
    c.fixed["subject"] = subject
    rows = [("适用范围", f"本行政区域内的{subject}工作"),
            ("职责分工", "司法行政部门负责指导和监督管理，有关单位按照职责做好相关工作"),
            ("工作程序", "明确受理、办理、办结的时限和要求"),
            ("保障监督", "经费纳入财政预算，建立工作台账和质量监管机制")]
    qas = [f"**问：办理{subject}相关事项收费吗？**\n\n答：司法行政部门依法办理相关事项，不收取任何费用。{c.say('service', '12348公共法律服务热线提供全天候')}",
           f"**问：对{subject}工作有意见可以向哪里反映？**\n\n答：可以向当地司法行政部门反映，也可以拨打12348公共法律服务热线咨询。",
           "**问：《办法》什么时候开始施行？**\n\n答：《办法》自印发之日起施行，具体以原文规定为准。"]
    extra = {}
    if target is not None:
        extra["interprets"] = f"../../zcwj/{target[1]}"
    return Draft(f"《{name}》政策解读",
                 f"近日，《{name}》（以下简称《办法》）正式印发。" + c.pick("interp")[0]
                 + "为便于社会公众理解，现就有关内容解读如下。", [
        ("制定背景", c.para("interp", 2, 3)),
        ("主要内容", "《办法》主要包括以下内容：\n\n" + table(("方面", "主要规定"), rows)),
        ("群众关心的问题", "\n\n".join(c.rng.sample(qas, 2))),
        ("贯彻落实措施", "市司法局将从以下方面抓好《办法》落实：\n\n" + c.bullets("plan", 3, 4, numbered=True)),
        ("主要特点", c.para("interp", 2, 3)),
    ], more=("interp", "outlook"), numbered=True, extra=extra,
        summary=f"从制定背景、主要内容和贯彻落实措施等方面，对《{name}》进行解读。")


def k_guide(c: Ctx) -> Draft:
    y = c.fixed["year"]
    kind = c.rng.choice(["aid", "notary", "mediation"])
    if kind == "aid":
        title = f"法律援助申请指南（{y}年版）"
        first = ("哪些事项可以申请法律援助", "因经济困难没有委托代理人的当事人，可以就下列事项申请法律援助：\n\n"
                 + c.bullets("aid_item", 5, 9))
    elif kind == "notary":
        item = c.rng.choice(NOTARY_ITEMS)
        title = f"{item}办理指南"
        first = ("办理条件", f"申请办理{item}，当事人应当向住所地、经常居住地、行为地或者事实发生地的公证机构提出申请。"
                 + c.pick("service")[0])
    else:
        title = "人民调解申请指南"
        first = ("什么是人民调解", c.say("service", "人民调解不收取") + c.say("service", "经人民调解委员会调解达成"))
    steps = [("申请", "向有管辖权的机构提出申请，提交相关材料"), ("受理", "对符合条件的申请予以受理，材料不全的一次性告知补正"),
             ("办理", "依法办理，按照规定时限办结"), ("送达", "将办理结果及时告知申请人")]
    return Draft(title, f"为方便群众办事，现将有关事项介绍如下。{c.pick('service')[0]}", [
        first,
        ("需要准备的材料", c.bullets("material", 3, 4, numbered=True)),
        ("办理流程", table(("环节", "办理要求"), steps)),
        ("办理地点和咨询方式", c.bullets("place", 3, 5)),
        ("温馨提示", c.para("service", 2, 3)),
    ], more=("service",), numbered=True, closing=c.say("service", "法律援助由国家无偿提供"))


def k_service_news(c: Ctx) -> Draft:
    n = c.rng.randint(12, 90)
    intro = (f"{c.fixed['md']}，{c.fixed['county']}公共法律服务中心为{n}名农民工提供法律援助，"
             "帮助其依法追回被拖欠的劳动报酬。")
    return Draft(f"{c.fixed['county']}公共法律服务中心为{n}名农民工依法维权", intro, [
        ("开辟绿色通道", "针对农民工讨薪案件，各级法律援助机构开辟“绿色通道”，对农民工申请支付劳动报酬的，"
         "不再审查经济困难条件，做到优先受理、优先审查、优先指派。"),
        ("主要做法", c.para("service", 3, 4) + c.para("county_work", 2, 3)),
        ("典型案例", c.pick("case")[0] + c.pick("case_lesson")[0]),
        ("服务渠道", c.bullets("place", 3, 4)),
        ("延伸服务", c.para("county_work", 3, 4)),
        ("推动工作落实", c.para("outlook", 3, 5)),
    ], more=("service", "county_work", "outlook"), closing=c.say("closing", "群众如需法律咨询"))


def k_pufa_event(c: Ctx) -> Draft:
    theme = c.rng.choice(THEMES)
    intro = (f"{c.fixed['md']}，湛江市司法局联合{c.fixed['county']}有关部门在{c.fixed['town_full']}"
             f"举行{c.fixed['year']}年{theme}集中宣传活动，拉开全市集中宣传活动序幕。")
    return Draft(f"湛江市司法局开展{c.fixed['year']}年{theme}集中宣传活动", intro, [
        ("现场活动丰富多彩", c.para("pufa", 4, 5)),
        ("全市联动集中宣传", "活动期间，全市各地各部门重点开展以下活动：\n\n" + c.bullets("pufa_item", 3, 5, numbered=True)),
        ("以案释法", c.pick("case")[0] + c.pick("case_lesson")[0]),
        ("推动普法走深走实", c.para("pufa", 3, 4)),
        ("推动工作落实", c.para("outlook", 3, 5)),
    ], more=("pufa", "outlook"), closing=c.pick("next")[0], summary=f"湛江市司法局开展{c.fixed['year']}年{theme}集中宣传活动。")


def k_pufa_work(c: Ctx) -> Draft:
    pufa = c.fixed["pufa"]
    intro = (f"为推动{pufa}普法规划深入实施，近日，湛江市委全面依法治市委员会守法普法协调小组办公室组织开展"
             f"普法责任制落实情况检查，对{c.fixed['county']}等地和部分市直单位进行实地检查。")
    rows = [("组织领导", "普法工作纳入党委（党组）议事日程、经费保障、考核评价情况"),
            ("普法责任制", "“谁执法谁普法”责任清单制定和履职报告评议情况"),
            ("重点对象学法", "国家工作人员学法用法、青少年法治教育情况"),
            ("法治文化阵地", "法治文化公园（广场）建设和使用情况"),
            ("依法治理", "民主法治示范村（社区）创建情况")]
    return Draft(f"湛江市开展{c.fixed['year']}年普法责任制落实情况检查", intro, [
        ("检查方式", "检查组采取听取汇报、查阅资料、实地走访、随机问卷等方式进行检查：\n\n"
         + table(("检查项目", "主要内容"), c.rng.sample(rows, c.rng.randint(3, 5)))),
        ("主要成效", c.para("pufa", 3, 4) + c.para("achieve", 2, 3)),
        ("存在问题", "检查组指出了部分单位普法针对性不强、新媒体普法覆盖面有待拓展等问题，要求相关单位限期整改。"),
        ("经验做法", c.para("pufa", 4, 5)),
        ("下一步工作", c.bullets("pufa_item", 3, 4, numbered=True)),
        ("推动工作落实", c.para("outlook", 3, 5)),
    ], more=("require", "outlook"), closing=c.pick("next")[0])


def k_penalty(c: Ctx) -> Draft:
    y = c.fixed["year"]
    count = c.rng.randint(1, 3)
    sections: list[Section] = []
    for _ in range(count):
        firm, code = c.rng.choice(c.reg.firms)
        decided = c.when.date() - timedelta(days=c.rng.randint(3, 20))
        day = f"{decided.year}年{decided.month}月{decided.day}日"
        number = f"湛司罚决字〔{decided.year}〕{c.rng.randint(1, 40)}号"
        if c.rng.random() < 0.5:
            surname = c.rng.choice(SURNAMES)
            head = f"对律师{surname}某的行政处罚"
            rows = [("行政处罚决定书文号", number), ("当事人", f"{surname}某"), ("身份证号", c.masked_id()),
                    ("联系电话", c.masked_mobile()), ("执业机构", firm),
                    ("违法事实", c.rng.choice(P["violation"][:1] + P["violation"][2:])),
                    ("处罚依据", c.rng.choice(P["law_ground"])), ("处罚类别", "警告、罚款"),
                    ("处罚内容", f"给予警告，处以罚款人民币{c.rng.choice(['三千', '五千', '一万'])}元"),
                    ("处罚决定日期", day), ("处罚机关", "湛江市司法局")]
        else:
            head = f"对{firm}的行政处罚"
            rows = [("行政处罚决定书文号", number), ("当事人名称", firm), ("统一社会信用代码", code),
                    ("违法事实", P["violation"][1]), ("处罚依据", c.rng.choice(P["law_ground"])),
                    ("处罚类别", "警告"), ("处罚内容", "给予警告"), ("处罚决定日期", day),
                    ("处罚机关", "湛江市司法局")]
        sections.append((head, table(("项目", "内容"), rows)))
    sections.append(("有关说明", c.bullets("enforce", 3, 4, numbered=True)))
    sections.append(("执法监督", c.para("enforce", 1, 2) + "对行政执法行为有异议的，可以向本局行政执法协调监督科反映，联系电话：0759-3338120。"))
    return Draft(f"湛江市司法局行政处罚决定信息公示（{y}年第{c.rng.randint(1, 12)}期）",
                 "根据《中华人民共和国行政处罚法》和行政执法公示制度有关规定，现将湛江市司法局近期作出的行政处罚决定信息公示如下。",
                 sections, more=("supervise",), numbered=True, sign_off=True,
                 summary=f"依照行政执法公示制度，公示湛江市司法局近期作出的{cn_number(count)}宗行政处罚决定信息。")


def k_license(c: Ctx) -> Draft:
    y = c.fixed["year"]
    firms = c.reg.firms
    rows = []
    for _ in range(c.rng.randint(6, 14)):
        firm, _code = c.rng.choice(firms)
        rows.append((c.person(), firm, c.rng.choice(["专职律师", "专职律师", "兼职律师", "公职律师"]),
                     f"{c.when.month}月{c.rng.randint(1, 28)}日"))
    return Draft(f"湛江市司法局律师执业许可事项公示（{y}年第{c.rng.randint(1, 12)}批）",
                 "根据《中华人民共和国行政许可法》和行政执法公示制度有关规定，现将近期准予律师执业许可的事项公示如下。", [
        ("准予执业人员名单", table(("姓名", "执业机构", "执业类别", "许可日期"), rows)),
        ("有关说明", c.bullets("enforce", 2, 3, numbered=True)),
        ("监督方式", "对上述行政许可事项有异议的，可以在公示期内向湛江市司法局律师工作管理科反映，联系电话：0759-3338120。"),
    ], more=("supervise",), numbered=True, sign_off=True)


def k_enforce_stats(c: Ctx) -> Draft:
    y = c.when.year - 1
    rows = [(k, str(c.rng.randint(lo, hi))) for k, lo, hi in [
        ("行政许可", 120, 900), ("行政处罚", 3, 40), ("行政检查", 40, 300), ("行政强制", 0, 3),
        ("行政确认", 10, 90), ("其他行政行为", 5, 60)]]
    return Draft(f"湛江市司法局{y}年度行政执法数据公示",
                 f"根据行政执法公示制度有关规定，现将湛江市司法局{y}年度行政执法总体情况公示如下。", [
        ("行政执法总体情况", f"{y}年，本局严格规范公正文明执法，全面落实行政执法“三项制度”。"
         + c.para("achieve", 1, 2) + "\n\n" + table(("执法类别", "办件数量（件）"), rows)),
        ("行政执法监督情况", c.para("supervise", 2, 3)),
        ("存在问题和改进措施", c.bullets("plan", 3, 4, numbered=True)),
    ], more=("supervise",), numbered=True, sign_off=True)


def _people_rows(c: Ctx, n: int) -> list[str]:
    out = []
    for _ in range(n):
        name = c.person()
        sex = c.rng.choice(["男", "女"])
        born = f"{c.rng.randint(1978, 1994)}年{c.rng.randint(1, 12)}月生"
        edu = c.rng.choice(["大学学历，法学学士", "研究生学历，法学硕士", "大学学历，管理学学士", "大学学历，文学学士"])
        dep = c.rng.choice(["律师工作管理科", "行政复议与应诉科", "社区矫正管理科", "公共法律服务管理科",
                            "普法与依法治理科", "法治调研科", "办公室"])
        grade = c.rng.choice(["一级主任科员", "二级主任科员", "三级主任科员"])
        post = c.rng.choice(["科长", "副科长"])
        out.append(f"**{name}**，{sex}，汉族，{born}，{edu}，中共党员，现任湛江市司法局{dep}{grade}，"
                   f"拟任湛江市司法局{dep}{post}。")
    return out


def k_personnel(c: Ctx) -> Draft:
    n = c.rng.randint(2, 4)
    start = c.when.date()
    end = start + timedelta(days=6)
    return Draft("湛江市司法局科级领导干部任前公示",
                 "根据《党政领导干部选拔任用工作条例》等有关规定，经中共湛江市司法局党组研究，拟任用下列同志为科级领导干部，"
                 "现将有关情况公示如下。", [
        ("拟任人选基本情况", "\n\n".join(_people_rows(c, n))),
        ("公示时间", f"{start.year}年{start.month}月{start.day}日至{end.month}月{end.day}日（5个工作日）。"),
        ("反映问题的方式", c.say("notice", "公示期间，个人或者单位") + "\n\n- 来电：0759-3338120（法定工作日上午8时30分至12时，下午14时30分至17时30分）；\n"
         "- 来信：寄湛江市司法局政治部，信封上请注明“任前公示反映情况”字样；\n- 来访：到湛江市司法局政治部当面反映。"),
        ("有关要求", "\n".join(f"{i}. {t}" for i, t in enumerate([
            c.say("notice", "反映问题应当实事求是"), c.say("notice", "对反映的问题"),
            "以反映问题为名诬告陷害他人的，将依规依纪依法严肃处理。"], 1))),
    ], more=("notice",), numbered=True, sign_off=True, summary=f"经局党组研究，拟任用{cn_number(n)}名同志为科级领导干部，现予以任前公示。")


def k_recruit(c: Ctx) -> Draft:
    y = c.fixed["year"]
    rows = [(c.person(), c.rng.choice(["男", "女"]), c.rng.choice(["大学本科", "硕士研究生"]),
             c.rng.choice(["广东海洋大学", "岭南师范学院", "中山大学", "华南理工大学", "广东财经大学", "暨南大学"]),
             c.rng.choice(["一级科员（法律事务）", "一级科员（综合管理）", "一级科员（社区矫正）"]))
            for _ in range(c.rng.randint(3, 8))]
    return Draft(f"湛江市司法局{y}年考试录用公务员拟录用人员公示",
                 f"根据{y}年广东省考试录用公务员工作有关规定，经笔试、面试、体检和考察，确定以下人员为湛江市司法局拟录用人员，现予以公示。", [
        ("拟录用人员名单", table(("姓名", "性别", "学历", "毕业院校", "拟录用职位"), rows)),
        ("公示时间", "公示期为5个工作日。" + c.say("notice", "公示期间，个人或者单位")),
        ("联系方式", "联系电话：0759-3338120。来信请寄湛江市司法局政治部，信封上请注明“录用公示反映情况”字样。"),
        ("有关说明", "\n".join(f"{i}. {t}" for i, t in enumerate([
            c.say("notice", "对反映的问题"), c.say("notice", "反映问题应当实事求是")], 1))),
    ], more=("notice",), numbered=True, sign_off=True)


def k_plan(c: Ctx) -> Draft:
    y = c.fixed["year"]
    kind = c.rng.choice(["要点", "普法", "总结"])
    if kind == "要点":
        title = f"湛江市司法局{y}年工作要点"
        intro = (f"{y}年，湛江市司法局坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，"
                 "紧扣市委、市政府中心工作，统筹推进全面依法治市各项任务。现将全年工作要点公布如下。")
    elif kind == "普法":
        title = f"湛江市{y}年普法依法治理工作计划"
        intro = f"为深入实施{c.fixed['pufa']}普法规划，推动全民普法工作走深走实，结合本市实际，制定本计划。"
    else:
        title = f"湛江市司法局{int(y) - 1 if c.when.month < 7 else y}年{'工作总结' if c.when.month < 7 else '上半年工作总结'}"
        intro = "一年来，在市委、市政府的坚强领导下，湛江市司法局坚持以人民为中心，各项工作取得新进展。现将有关情况总结如下。"
    heads = ["统筹推进全面依法治市", "加快建设法治政府", "深化法治宣传教育", "提升公共法律服务水平",
             "坚持和发展新时代“枫桥经验”", "加强司法行政队伍建设"]
    sections = [(h, c.bullets("plan", 4, 5)) for h in heads]
    if kind == "总结":
        sections = [(h, c.para("achieve", 3, 5)) for h in heads]
    return Draft(title, intro, sections, more=("require", "outlook"), numbered=True)


def k_report(c: Ctx) -> Draft:
    """法治政府建设年度报告: the longest regular publication, published in the first quarter."""
    y = c.when.year - 1
    intro = (f"{y}年，湛江市司法局坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，"
             "认真落实法治政府建设实施纲要，各项工作取得积极成效。根据《法治政府建设与责任落实督察工作规定》，"
             f"现将本局{y}年度法治政府建设情况报告如下。")
    return Draft(f"湛江市司法局{y}年度法治政府建设情况报告", intro, [
        ("主要举措和成效", c.para("achieve", 6, 9)),
        ("依法全面履行职能", c.para("achieve", 3, 4) + "\n\n" + c.bullets("plan", 3, 4)),
        ("严格规范公正文明执法", c.para("supervise", 3, 4) + c.para("enforce", 1, 2)),
        ("强化对行政权力的制约和监督", "本局自觉接受人大监督、民主监督、司法监督和社会监督，"
         "认真办理人大代表建议和政协委员提案，全部按时办结。" + c.para("supervise", 1, 2)),
        ("推进基层治理法治化", c.para("county_work", 3, 5) + c.para("mediation", 2, 3)),
        ("党政主要负责人履行推进法治建设第一责任人职责情况",
         "局党组书记认真履行推进法治建设第一责任人职责，把法治建设纳入本局发展总体规划和年度工作计划，"
         "与业务工作同部署、同推进、同督促、同考核、同奖惩。" + c.para("party", 2, 3)),
        ("存在的不足和原因", "对照上级要求和群众期盼，本局法治政府建设还存在一些不足：基层法治工作力量相对薄弱，"
         "行政执法规范化水平有待进一步提升，运用信息化手段推进法治政府建设的能力还需加强。"),
        (f"{y + 1}年工作打算", c.bullets("plan", 4, 6, numbered=True) + "\n\n" + c.para("outlook", 2, 3)),
    ], more=("outlook", "achieve"), numbered=True, sign_off=True,
        summary=f"湛江市司法局{y}年度法治政府建设情况报告，包括主要举措和成效、存在的不足和下一年度工作打算。")


# column slug -> article kinds, with weights
KINDS: dict[str, list[tuple[Callable, int]]] = {
    "gzdt": [(k_meeting, 3), (k_training, 3), (k_research, 3), (k_mediation, 2), (k_party, 2), (k_sector, 2)],
    "tzgg": [(k_notice_exam, 1), (k_notice_duty, 3), (k_notice_holiday, 2), (k_notice_consult, 2), (k_notice_review, 1)],
    "zcwj": [(k_policy, 1)],
    "zcjd": [(k_interp, 1)],
    "ggflfw": [(k_guide, 2), (k_service_news, 2)],
    "pfyfz": [(k_pufa_event, 3), (k_pufa_work, 2)],
    "xzzf": [(k_penalty, 3), (k_license, 2), (k_enforce_stats, 1)],
    "rsxx": [(k_personnel, 2), (k_recruit, 1)],
    "ghjh": [(k_plan, 2), (k_report, 1)],
}
# share of the corpus per column (news columns are the busiest)
COLUMN_WEIGHTS = {"gzdt": 30, "pfyfz": 14, "tzgg": 12, "ggflfw": 10, "xzzf": 10, "zcwj": 8, "zcjd": 6,
                  "rsxx": 5, "ghjh": 5}


# ---------------------------------------------------------------------------------------
# Assembly
# ---------------------------------------------------------------------------------------
_YAML_PLAIN_OK = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`].*$")


def yaml_str(value: str) -> str:
    if _YAML_PLAIN_OK.match(value) and ": " not in value and " #" not in value and not value.endswith(":"):
        return value
    return json.dumps(value, ensure_ascii=False)


def assemble_body(c: Ctx, d: Draft) -> str:
    """Intro, as many sections as fit a target length in [800, 2500], tail, closing, sign-off."""
    target = c.rng.randint(BODY_MIN + 100, BODY_MAX - 150)
    blocks = [d.intro]
    ordinal = 0

    def render(section: Section) -> str:
        nonlocal ordinal
        heading, text = section
        if heading is None:
            return text
        if heading.startswith("#"):
            return f"{heading}\n\n{text}".rstrip()
        ordinal += 1
        label = f"{cn_number(ordinal)}、{heading}" if d.numbered else heading
        return f"## {label}\n\n{text}".rstrip()

    end: list[str] = []
    if d.closing:
        end.append(d.closing)
    if d.sign_off:
        w = c.when
        end.append(f"湛江市司法局\n\n{w.year}年{w.month}月{w.day}日")
    end_len = sum(len(e) + 2 for e in end)
    tail_len = sum(len(t[1]) + len(t[0] or "") + 12 for t in d.tail)
    size = len(d.intro)
    for i, section in enumerate(d.sections):
        if i >= 2 and size + tail_len + end_len >= target:
            break
        saved = ordinal
        block = render(section)
        if size + len(block) + 2 + tail_len + end_len > BODY_MAX:
            ordinal = saved
            break  # later sections would read out of order (chapters, numbered headings)
        blocks.append(block)
        size += len(block) + 2
    # Short of the target: extra paragraphs, at most two rounds over the kind's pools, so
    # that no pool supplies two paragraphs in a row.
    for _round in range(2):
        for pool in c.rng.sample(d.more, len(d.more)):
            if size + tail_len + end_len >= target or c.left(pool) < 2:
                continue
            para = c.para(pool, 2, 4)
            if size + len(para) + 2 + tail_len + end_len <= BODY_MAX:
                blocks.append(para)
                size += len(para) + 2
    # Below the minimum (rare): general paragraphs until it is reached.
    while size + tail_len + end_len < BODY_MIN + 50:
        para = c.para(c.rng.choice(("achieve", "require", "outlook")), 2, 3)
        blocks.append(para)
        size += len(para) + 2
    blocks.extend(render(t) for t in d.tail)
    body = "\n\n".join(blocks + end) + "\n"
    if not BODY_MIN <= len(body) <= BODY_MAX:
        raise RuntimeError(f"body of {len(body)} characters for {d.title}")
    return body


def random_datetime(rng: random.Random) -> datetime:
    span = (LAST_DAY - FIRST_DAY).days
    while True:
        day = FIRST_DAY + timedelta(days=rng.randint(0, span))
        if day.weekday() < 5 or rng.random() < 0.1:  # mostly working days
            break
    minute = rng.choice([0, 0, 10, 15, 20, 30, 30, 40, 45, 50])
    hour = rng.choice([8, 9, 9, 10, 10, 11, 14, 15, 15, 16, 17])
    return datetime(day.year, day.month, day.day, hour, minute)


def _column_plan(rng: random.Random, slugs: list[str], n: int) -> list[str]:
    """Every column at least once (when n allows), the rest by weight."""
    weights = [COLUMN_WEIGHTS.get(s, 5) for s in slugs]
    plan = list(slugs[:n]) + rng.choices(slugs, weights, k=max(0, n - len(slugs)))
    rng.shuffle(plan)
    return plan


def _people(reg: Registry) -> list[str]:
    names = sorted({s + g for s in SURNAMES for g in GIVEN})
    return [n for n in names if not reg.near_leader(n)]


def _firms(rng: random.Random) -> list[tuple[str, str]]:
    return [(f"广东{w}律师事务所", uscc(rng)) for w in LAW_FIRM_WORDS]


def _dir_digest(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(p.relative_to(folder).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


def fingerprint(n: int, seed: int) -> dict:
    """What a corpus depends on: N, seed, this generator's source and checks/."""
    return {"n": n, "seed": seed,
            "generator": hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16],
            "checks": _dir_digest(CHECKS)}


def generate(out_dir: Path, n: int, seed: int = 0) -> list[Path]:
    """Write a site repository with n articles into out_dir; return the article paths."""
    out_dir = Path(out_dir)
    if n < 0:
        raise ValueError("n must be >= 0")
    marker = out_dir / MARKER
    if out_dir.exists() and any(out_dir.iterdir()) and not marker.is_file():
        raise FileExistsError(f"{out_dir} is not empty and is not a corpus written by bench/corpus.py")
    for sub in ("checks", "content"):
        if (out_dir / sub).exists():
            shutil.rmtree(out_dir / sub)
    out_dir.mkdir(parents=True, exist_ok=True)
    shutil.copytree(CHECKS, out_dir / "checks")

    rng = random.Random(seed)
    reg = Registry.load(CHECKS)
    reg.people = _people(reg)
    reg.firms = _firms(rng)
    slugs = [c["slug"] for c in reg.columns]
    by_slug = {c["slug"]: c for c in reg.columns}
    # per department, a handful of staff drafters
    drafters: dict[str, list[str]] = {}
    for col in reg.columns:
        drafters.setdefault(col["department"], rng.sample(reg.people, 4))

    plan = _column_plan(rng, slugs, n)
    dates = sorted(random_datetime(rng) for _ in range(n))
    # In date order, so that an interpretation can point back at an earlier policy.
    zcwj: list[tuple[datetime, str, tuple[str, str]]] = []  # (date, "<year>/<file>", (name, subject))
    paths: list[Path] = []
    made_dirs: set[Path] = set()
    # File creation, not text generation, dominates on most disks: write from a few threads.
    writer = ThreadPoolExecutor(4)
    pending = []
    for i, (slug, when) in enumerate(zip(plan, dates, strict=True), 1):
        col = by_slug[slug]
        c = Ctx(rng, reg, when)
        kinds = KINDS.get(slug) or [(k_meeting, 1)]
        fn = rng.choices([k for k, _ in kinds], [w for _, w in kinds])[0]
        draft = fn(c, zcwj) if fn in (k_policy, k_interp) else fn(c)
        doc = draft.extra.pop("_doc", None)
        body = assemble_body(c, draft)
        title = draft.title
        if len(title) > 64:
            raise RuntimeError(f"title too long: {title}")
        name = f"a-{i:06d}.md"
        rel = f"{when.year}/{name}"
        if doc is not None:
            zcwj.append((when, rel, doc))
        fm = [
            f"title: {yaml_str(title)}",
            f"column: {slug}",
            f"department: {col['department']}",
            f"author: {rng.choice(drafters[col['department']])}",
            f"date: {when:%Y-%m-%d %H:%M}",
            "channels: [website]",
        ]
        if draft.summary and len(draft.summary) <= 120 and rng.random() < 0.8:
            fm.append(f"summary: {yaml_str(draft.summary)}")
        for key, value in draft.extra.items():
            if isinstance(value, dict):
                fm.append(f"{key}:")
                fm.extend(f"  {k}: {yaml_str(str(v))}" for k, v in value.items())
            else:
                fm.append(f"{key}: {yaml_str(str(value))}")
        folder = out_dir / "content" / slug / str(when.year)
        if folder not in made_dirs:
            folder.mkdir(parents=True, exist_ok=True)
            made_dirs.add(folder)
        path = folder / name
        pending.append(writer.submit(path.write_bytes, ("---\n" + "\n".join(fm) + "\n---\n\n" + body).encode()))
        paths.append(path)
    for job in pending:
        job.result()  # re-raise any write error
    writer.shutdown()
    marker.write_text(json.dumps(fingerprint(n, seed), indent=2) + "\n", encoding="utf-8")
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="生成基准测试用的网站仓库 / write a benchmark site repository")
    parser.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    parser.add_argument("n", type=int, metavar="N", help="文章数 / number of articles")
    parser.add_argument("--seed", type=int, default=0, help="随机种子 / random seed (default 0)")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    try:
        paths = generate(args.out_dir, args.n, args.seed)
    except FileExistsError as exc:
        print(f"corpus.py: {exc}", file=sys.stderr)
        return 2
    took = time.perf_counter() - t0
    size = sum(p.stat().st_size for p in paths)
    print(f"已生成 {len(paths)} 篇文章 / wrote {len(paths)} articles "
          f"({size / 1048576:.1f} MB) in {took:.1f} s → {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
