from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cached_property

from govpub.content.dates import parse_datetime, parse_day
from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.matching import Regexes
from govpub.rules.meta.front_matter import REPOST_FIELDS
from govpub.rules.normalize import INVISIBLE_RE
from govpub.rules.repost.document_text import outside_signature, own_names
from govpub.rules.sentences import sentence_at

# words that name the bureau's own channels: a source that is one of them, or starts with 本/我 (本网, 我局网站)
_OWN_WORDS = ("本局", "本单位", "本站", "本网", "我局", "我单位", "门户网站", "政务网站", "局网站", "局官网")
_GENERIC_OWN = frozenset({"门户网站", "政务网站", "局网站", "局官网"})


def _is_own(source: str, own: tuple[str, ...]) -> bool:
    """The source is the bureau or one of its channels; a generic word (门户网站) only as the whole
    source: 广东省人民政府门户网站 is another body's portal."""
    bare = source.strip(" *_。）)】］]〕")
    if len(bare) >= 4 and bare.startswith("市") and any(name.endswith(bare) for name in own if name):
        return True  # 市司法局: the bureau's full name without the city's (湛江市司法局)
    return any(name and (bare == name if name in _GENERIC_OWN else name in source) for name in own)


# A source's name: a title in 《》, a quoted account name (微信公众号“广东司法行政”, “湛江发布”客户端),
# or Chinese ending in the kind of body that publishes (网, 报, 台, 厅, 社, 公众号, 客户端, 官网...).
_NAME = (r"《[^》\n]{1,30}》|(?:微信)?(?:公众号|客户端|视频号|微博)\s*[“\"「][^”\"」\n]{1,20}[”\"」]"
         # (on any platform: “岭南法苑”头条号, “某某说法”抖音号, “普法视界”百家号, “法苑”专栏)
         r"|[“\"「][^”\"」\n]{1,20}[”\"」]\s*(?:微信)?(?:公众号|客户端|视频号|微博|网站|App|[\u4e00-\u9fff]{0,2}(?:号|平台|专栏|频道|账号))"
         r"|[\u4e00-\u9fffA-Za-z+]{2,24}?(?:网|报|台|厅|部|局|院|委|办|社|政府|中心|公众号|客户端|官网|网站|杂志|App|号)"
         r"|互联网|网络")
# A source line in the body: 来源：广东省司法厅 / 来源丨南方日报 / **信息来源**：…
SOURCE_LINE = re.compile(
    r"(?:^|[ \t\u3000|丨｜【〔\[［])[ \t>*_※◆■●▲►▶★☆•·◇□○◎]*(?:信息来源|稿件来源|资料来源|文章来源|内容来源|新闻来源|消息来源|图文来源|素材来源|本文来源|原文来源|转载来源|视频来源|音频来源|稿源|来源"
    # a source named by another label: 出处：…, and a portal's metadata block pasted with the text (发布机构：…)
    r"|原文出处|出处|发布机构|发文机关|发布单位|来自|转自|摘自|选自|转载自|源自|分享自|引自|整理自|节选自|编译自|编辑自|(?:文章|本文)?首发(?:于|平台|媒体)?|原载|原载于|原刊|原刊于)[*_]*"
    r"\s*[:：丨|｜]\s*[*_]*(?P<source>[^\n]{2,60})$",
    re.MULTILINE,
)
# a source label in brackets: 【来源】人民法院报
BRACKET_LABEL = re.compile(r"^[ \t>*_]*[【\[［〔]\s*(?:信息来源|稿件来源|文章来源|内容来源|来源|出处|稿源|转自|转载)\s*[】\]］〕]"
                           r"\s*[:：]?\s*(?P<source>[^\s【\[］〕][^\n]{1,59})$", re.MULTILINE)
# an English source line pasted with a wire story: Source: Xinhua News Agency, Via: China Daily
SOURCE_EN = re.compile(r"^[ \t>*_（(]*(?:Source|Sources|From|Via|Credit|Reprinted from)[*_]*\s*[:：]\s*[*_]*"
                       r"(?P<source>[A-Za-z][A-Za-z .,&'\-]{2,60}?)[ \t*_）).]*$", re.MULTILINE | re.IGNORECASE)
# a copied article's disclaimer (文章来源于网络，如有侵权请联系删除) and the footer's 点击“阅读原文”
COPY_CLAIM = re.compile(
    r"(?P<claim>(?:如有侵权|若有侵权|如涉及侵权|如侵权|若侵权)[，,\s]*(?:请)?(?:联系|告知|通知)?[^。\n]{0,6}?删除|侵删)"
    r"|(?P<more>(?:点击|戳|点)(?:左下角|下方|文末)?[“\"]?阅读原文[”\"]?)"
    # a reposting site's disclaimer: 文章观点不代表本站立场, 仅代表作者个人观点
    r"|(?P<stance>(?:观点|内容|文章)?(?:不代表|仅代表作者[\u4e00-\u9fff]{0,4}(?:观点|立场)，?不代表)本(?:站|网|平台|号|公众号)(?:观点|立场))"
    # the copied article's own title given: 本文原标题为《……》, 原题：“……”
    r"|(?:(?:本文|此文|该文|文章)的?|(?<![^\n]))(?:原标题|原题|原文标题)\s*(?:为|是|[:：])?\s*(?P<title>《[^》\n]{1,40}》|“[^”\n]{1,40}”)"
    # the copied article's own title in brackets, as papers and portals print it: （原标题：……）
    r"|(?P<retitled>[（(]\s*(?:原标题|原题|原文标题)\s*[:：]\s*[^）)\n]{4,60}[）)])"
)
# an English credit inside a paragraph: ……at notary offices. Reproduced from the Guangdong Department of Justice
# English website, November 2026. / Courtesy of China Daily / Originally published in Legal Daily
SOURCE_EN_PHRASE = re.compile(
    r"(?<![A-Za-z])(?i:reproduced|reprinted|republished|excerpted|abridged)\s+from\s+(?:the\s+)?"
    r"(?P<source>[A-Z][A-Za-z&'\-]*(?:\s+(?:[A-Z][A-Za-z&'\-]*|of|the|and|for|on|in))*)"
    r"|(?<![A-Za-z])(?i:courtesy of|(?:originally|first) (?:published|posted|appeared|ran|carried) (?:by|in|on))\s+(?:the\s+)?"
    r"(?P<paper>[A-Z][A-Za-z&'\-]*(?:\s+(?:[A-Z][A-Za-z&'\-]*|of|the|and|for|on|in))*)"
    # an English byline of a medium's reporter: By Xinhua reporter Li Ming, By China Daily staff writer ……
    r"|(?<![A-Za-z])By\s+(?P<byline>[A-Z][A-Za-z&'\-]*(?:\s+[A-Z][A-Za-z&'\-]*){0,3})\s+(?i:staff\s+)?"
    r"(?i:reporters?|writers?|correspondents?|journalists?)(?![A-Za-z])"
)
# a WeChat article copied with its chrome: the head line (原创　广东司法行政　2026年11月17日 08:30) or the
# footer of buttons (阅读原文　分享　在看)
WECHAT_CHROME = re.compile(
    r"^[ \t>*_]*(?:原创|转载|转自)[ \t\u3000]+(?P<source>[\u4e00-\u9fffA-Za-z0-9]{2,20})[ \t\u3000]+"
    r"\d{4}\s*(?:年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[-./]\d{1,2}[-./]\d{1,2}(?![\d]))"  # 2026年11月17日, 2026-11-16 18:30
    # the account's call to follow it, left at the head of a copied article: 点击上方蓝字关注我们
    r"|^[ \t>*_]*(?P<follow>(?:点击|点|戳)(?:上方|上面|标题下方?)?(?:蓝字|蓝色字体?|“[^”\n]{1,20}”)[^\n]{0,6}?关注)"

    r"|^[ \t>*_]*(?P<paper>阅读原文)[ \t\u3000]*(?:[|｜丨·][ \t\u3000]*)?(?:分享|在看|点赞|赞|收藏|留言|写留言|阅读)"
    r"(?:[ \t\u3000]*(?:[|｜丨·][ \t\u3000]*)?(?:分享|在看|点赞|赞|收藏|留言|写留言))*[ \t\u3000]*$",
    re.MULTILINE,
)
# another body's release announced and given below: 以下为最高人民法院近日发布的婚姻家庭纠纷典型案例
ANNOUNCED_BELOW = re.compile(
    r"(?:以下为|以下是|下面是)\s*(?P<source>[\u4e00-\u9fff]{2,16}?(?:厅|(?<![内外全局])部|委|法院|检察院|政府|办公室|办公厅"
    r"|中心|网|报|社|协会))\s*(?:\d{1,2}\s*月\s*\d{1,2}\s*日|近日|日前|今日|昨日|此前|近期)?\s*(?:发布|公布|印发|公开|刊发|推出)的"
    r"(?![\u4e00-\u9fff]{0,6}?(?:数据|统计|监测|公报))"
)
# Anywhere in the text: 本文转载自人民网。（摘自《法治日报》）信息来源于广东省司法厅官网。
SOURCE_PHRASE = re.compile(
    r"(?:转载自|转载于|转自|转引自|摘自|选自|摘编自|转发自|编发自|(?:(?:本文|此文|文章|本稿|原文|全文|以上内容|信息|内容|稿件|消息|图文|素材|文字|资料)"
    r"(?:中的|所用|所附)?(?:图片|照片|配图|视频)?|(?:图片|照片|配图|视频))"
    r"(?:来自于?|源自|引自|来源于|出自)|选编自|节选自|编译自|综合自|综编自|改编自|原载于|原载|原文载于|刊载于|刊发于|首发于|发表于|编辑自|整理自"
    r"|发表在|刊登于|刊登在|刊发在|刊载在|登载于|登载在|原发于|原发在|原刊于|原刊在|原刊载于|首刊于|首发在|(?<=[文稿])刊于|(?<=[文稿])载于"
    r"|[（(【\[]\s*(?:信息来源|稿件来源|文章来源|内容来源|稿源|来源|来自|出自)(?=\s*[:：丨|｜])|(?:——|—|--)\s*(?:来自于?|源自|转自)"
    r")\s*[:：丨|｜]?\s*"
    r"(?:\d{4}\s*年)?\s*(?:\d{1,2}\s*月)?\s*(?:\d{1,2}\s*日)?(?:出版的|的)?\s*"
    # or, after a colon, any name that closes the note (本文来自：广东普法; （转自：学习强国）)
    rf"(?P<source>{_NAME}|(?<=[:：丨|｜])[^\s，,。；;（）()【】\[\]]{{2,16}}?(?=\s*[）)】\]。]|\s*\n|\s*$))"
)
# a caption's credit for the words too, inside a line: （图为会议现场。图片及文字来源：……）, ……。文章来源：法治日报
# (the regex opens with the label, the words before it are checked after: a fast scan)
CAPTION_CREDIT = re.compile(
    r"(?:来源|出处)\s*[:：丨|｜]\s*"
    rf"(?P<source>{_NAME}|[^\s，,。；;（）()【】\[\]]{{2,16}}?(?=\s*[）)】\]。]|\s*\n|\s*$))"
)
_CAPTION_LABEL = re.compile(r"(?:(?:图片|照片|图|视频)(?:及|和|与|、)(?:文字|文章|内容|稿件)|(?:文字|文章|内容|稿件)(?:及|和|与|、)"
                            r"(?:图片|照片|图|视频)|[。；;，,]\s*(?:文字|文章|稿件|内容|图文)"
                            # the picture is the original text itself: 图：本指引原文截图，来源：民政部网站
                            r"|(?:原文|全文|原件|正文|文件|文本)(?:的)?(?:截图|截屏|照片|扫描件|图片|翻拍)[\u4e00-\u9fff]{0,4}[，,、\s]*"
                            # a caption crediting the words as well as the picture: （图文来源：……）, [文字来源：……]
                            r"|(?<![\u4e00-\u9fff])(?:图文|文字|文章|稿件))$")


class _Labelled:
    """CAPTION_CREDIT's matches whose label (the words right before 来源：) is a credit for the words."""

    pattern = CAPTION_CREDIT

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        for m in CAPTION_CREDIT.finditer(text):
            if _CAPTION_LABEL.search(text, max(0, m.start() - 12), m.start()):
                yield m


# the name of a medium or of a higher body that publishes (not a county bureau that contributes news)
_MEDIUM = r"[\u4e00-\u9fff+]{2,16}?(?:网|报|台|社|新闻|客户端|公众号|官网|网站|微博|杂志|厅|部)"
# （广东省司法厅供稿）, 稿件由南方日报提供, 本期内容由“湛江发布”提供 (a quoted account too)
CONTRIBUTED = re.compile(
    rf"[（(]\s*(?P<source>{_MEDIUM})\s*(?:供稿|提供|来稿|撰稿)\s*[）)]"
    rf"|(?:稿件|本文|此文|该文|本稿|此稿|文章|图文|图片|照片|视频|信息|内容)(?:[和及与、](?:文字|图片|照片|视频|稿件|内容))?(?:均|皆|都)?由\s*"
    rf"(?P<paper>{_MEDIUM}|[“\"「][^”\"」\n]{{1,20}}[”\"」](?:微信)?(?:公众号|客户端|微博|视频号)?)\s*(?:提供|供稿|授权)"
)
# a newspaper, site or broadcaster by name (not a section label: 【普法新闻】, 【工作简报】, 【情况通报】)
_PRESS = (r"[\u4e00-\u9fff+]{2,12}?(?:日报|晚报|早报|时报|(?<![简通喜快周月年海举预汇公情战捷])报|网站|官网|网|电视台|广播电台"
          r"|客户端|公众号|通讯社|新闻社|杂志社)|新华社|中新社|央视新闻|南方\+")
# 司法部网站消息：…… / 央视新闻消息，…… / 【南方日报】……: a medium's report at the head of a line
LEAD_CREDIT = re.compile(
    rf"^[ \t>*_]*(?:(?P<source>{_PRESS}|[\u4e00-\u9fff]{{2,12}}?(?:厅|(?<![内外全局])部))\s*(?:\d{{1,2}}\s*月\s*\d{{1,2}}\s*日)?"
    rf"\s*(?:消息|讯|报道)(?:\s*[:：，,]|[ \t\u3000]+(?=\S)|(?<=讯)\s*[（(](?=\s*(?:记者|通讯员|实习生)))|【\s*(?P<paper>{_PRESS})\s*(?:讯|消息)?\s*】)",
    re.MULTILINE,
)
# 人民日报记者从司法部获悉: a medium's reporter learned it (the medium's report), and 图文：南方日报 (a credit line)
PRESS_LEARNED = re.compile(
    rf"^[ \t>*_]*(?P<source>{_PRESS}|新华社|中新社)\s*(?:首席|特约|实习)?记者\s*(?:[\u4e00-\u9fff]{{2,3}}\s*)?"
    r"从[^，。；\n]{2,20}?(?:获悉|了解到|得知)"
    rf"|^[ \t>*_]*(?:图文|文字|文|供稿|稿件)\s*[:：/丨|｜]\s*(?P<paper>{_PRESS}|[\u4e00-\u9fff]{{2,12}}?(?:厅|(?<![内外全局])部))"
    r"[ \t\u3000*_]*$"
    # an account's credit line: 文/湛江中院　某某　　编辑/某某 (a court's, a procuratorate's or a medium's writer,
    # with the account's editor; a county bureau contributing news is no repost)
    rf"|^[ \t>*_]*(?:图文|文字|文|撰文|作者)\s*[:：/丨|｜]\s*(?P<account>{_PRESS}|[\u4e00-\u9fff]{{2,12}}?(?:厅|(?<![内外全局])部"
    r"|法院|中院|检察院|检察分院))[ \t\u3000]+[\u4e00-\u9fff某]{2,4}[ \t\u3000]+"
    r"(?:编辑|责编|责任编辑|校对|审核|美编|排版|图)\s*[:：/丨|｜]",
    re.MULTILINE,
)
# a medium's credit in brackets closing a line: ……召开。（新华社） / （人民网） / （法治日报记者 张某）
CLOSING_CREDIT = re.compile(
    rf"[（(]\s*(?P<source>{_PRESS}|新华社|中新社|本报|本台|本刊(?=\s*(?:首席|特约|实习)?记者))(?:\s*(?:首席|特约|实习)?记者(?:[ \t\u3000、]*[\u4e00-\u9fff]{{2,3}})+)?\s*[）)]"
    r"[ \t\u3000*_]*$",
    re.MULTILINE,
)
# the author field names a medium or a higher body instead of a drafter: author: 新华社 / 南方日报 / 省司法厅
AUTHOR_PRESS = re.compile(rf"(?:{_PRESS}|[\u4e00-\u9fff]{{2,12}}?(?:厅|(?<![内外全局])部))")
# a title that says it is a repost: 【转载】……, 转：……
# and at its end: ……典型案例（转）, ……（转载）, ……[转自人民网]
TITLE_REPOST = re.compile(r"^\s*(?:[【\[［(（]\s*(?:转载|转发|转|转自|来源)\s*[】\]］)）]|(?:转载|转发|转)\s*[:：｜|丨])"
                          r"|[【\[［(（]\s*(?:转载|转|转自[^】\]］)）\n]{0,20}|来源\s*[:：][^】\]］)）\n]{0,20})\s*[】\]］)）]\s*$")
# 据新华社报道 / 据《法治日报》消息 / 据“湛江发布”微信公众号消息: the article retells a media report
MEDIA = re.compile(
    r"据(?<![数根依证占收单票论凭字]据)\s*(?P<source>《[^》\n]{1,30}》|[“\"「][^”\"」\n]{1,20}[”\"」]\s*(?:微信)?(?:公众号|客户端|视频号|微博|网站)?"
    r"|[\u4e00-\u9fff+]{2,16}?(?:网|报|电视台|广播电台|通讯社|新华社|社|公众号|客户端|官网|网站|微博"
    r"|厅|局|(?<![内外全局])部|委|法院|检察院|政府|办公室|中心))"
    # 据省司法厅官方微信“广东司法行政”消息
    r"(?:\s*(?:官方)?(?:微信公众号|微信|微博|网站|公众号|客户端|视频号)\s*[“\"「][^”\"」\n]{1,20}[”\"」])?"
    r"\s*(?:[\u4e00-\u9fff]{2,3})?\s*(?:\d{1,2}月\d{1,2}日)?(?:消息|报道|讯|刊发|发布|披露)"
)
# a government body (not a medium) credited with figures the article goes on to use: 据省疾控中心发布的监测信息,
# 据市应急管理局消息，……全市累计转移群众…… followed by the bureau's own work (a citation, not a retold report)
_MEDIUM_WORD = re.compile(r"(?:网|报|台|社|公众号|客户端|官网|网站|微博|微信|视频号|》|[”\"」])$")
_DATA_AFTER = re.compile(r"的?[\u4e00-\u9fff]{0,6}?(?:数据|统计|监测|信息|预警|通报|公告|提示|通知|公报)")
_OWN_WORK = re.compile(r"我局|本局|市司法局|司法所|法律援助中心|公共法律服务中心")
# the bureau acting in its own paragraph (市司法局近日组织……): its own news, a medium's report at most its peg
_OWN_ACTION = re.compile(r"(我局|本局|(?<![\u4e00-\u9fff])市司法局|(?<=[，,。\n])[\u4e00-\u9fff]{2,12}?(?:司法局|司法所|法律援助中心|公证处))\s*(?:近日|日前|今日|今天|随即|随后|迅速|及时|立即|专门|已经?|将|于)?"
                         r"\s*(?:\d{1,2}\s*月\s*\d{1,2}\s*日)?\s*(?:组织|召开|举办|开展|部署|印发|联合|举行|邀请|制定|启动|要求)")
# 本文由湛江日报授权转载 / 原文链接：https://…: a repost by its own account
AUTHORISED = re.compile(
    rf"(?P<source>{_NAME})\s*(?:授权|同意)(?:后)?\s*(?:转载|发布|刊发|使用)"
    r"|^[ \t>*_]*(?P<paper>原文链接|原文地址|原文网址|转载链接|阅读原文|原标题)[*_]*\s*[:：]",
    re.MULTILINE,
)
# 综合新华社、人民日报报道: several media retold
COMBINED = re.compile(
    r"综合\s*(?P<source>[\u4e00-\u9fff《》“”+]{2,16}?(?:社|网|报|台|客户端))(?:[、和及与][^，。\n]{1,16}?)?(?:等)?(?:媒体)?"
    r"\s*(?:报道|消息)"
)
# 新华社北京12月3日电 / 人民网广州12月1日电 / 本报讯: a news agency's or a paper's dateline
DATELINE = re.compile(
    r"(?P<source>[\u4e00-\u9fff]{1,8}(?:社|网|报|台))\s*[\u4e00-\u9fff]{2,4}\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:电|讯)"
    r"|(?P<paper>本报|本台)讯"
)
# A byline of an outside paper or site at the head of a line: 文/图：湛江日报记者 陈某, 南方+记者 李某 通讯员 王某
# (a name and then a space or the end: 湛江日报记者走进…… is narration)
BYLINE = re.compile(
    r"^[ \t>*_]*(?:(?:文|图|文/图|文\s*[|｜丨]\s*图|图文|作者|撰文|撰稿|摄影|摄)\s*[:：/｜|丨]\s*)?"
    r"(?P<source>[\u4e00-\u9fff]{2,10}?(?:日报|晚报|早报|报|网|电视台|台|客户端|通讯社|新闻社)|新华社|中新社|南方\+|本报|本台|本刊)"
    r"\s*(?:首席|特约|实习|驻[\u4e00-\u9fff]{1,4})?记者"
    r"\s*[:：]?\s*[\u4e00-\u9fff]{1,3}(?=[ \t\u3000、，,]|$)",
    re.MULTILINE,
)
# 司法部网站12月1日发布消息称: a site's report retold
SITE_SAID = re.compile(
    r"(?P<source>[\u4e00-\u9fff]{2,16}?(?:网站|官网|客户端|公众号|微博|网))\s*"
    r"(?:\d{1,2}\s*月\s*\d{1,2}\s*日|近日|日前|今日|昨日|今天|昨天)?\s*(?:发布|刊发|刊登|推送|发表)了?的?"
    r"(?:消息|文章|报道|通报)称?"
)
# the article itself first printed elsewhere: 此文曾在《人民调解》杂志刊登, 本文最早在人民网发表
PRINTED_IN = re.compile(
    r"(?:本文|此文|该文|这篇文章|原文|本稿)[^。；\n]{0,8}?在\s*"
    rf"(?P<source>{_NAME})\s*(?:杂志|上)?\s*(?:刊登|刊发|发表|登载|刊载|首发|发布|刊出)"
)
# 这则消息最早由《南方日报》披露: a report credited to the medium that broke it
BROKE = re.compile(
    r"(?:消息|报道|新闻|文章|此事|该事)[^。；\n]{0,6}?由\s*"
    rf"(?P<source>{_NAME})\s*(?:最早|首先|率先|最先)?(?:披露|报道|刊发|发布|刊登|播发|首发)"
)
# a medium credited with what the article retells: 正如南方日报11月28日所报道的那样, 法治日报报道称, 人民网披露
MEDIUM_SAID = re.compile(
    rf"(?P<source>{_PRESS}|新华社|中新社)\s*(?:\d{{1,2}}\s*月\s*\d{{1,2}}\s*日|近日|日前|此前|昨日|今日|早前)?\s*(?:曾经?|所)?"
    r"(?:报道|披露|刊文|发文|援引)(?:的那样|称|说|指出|显示|提到|介绍)"
)
# the repost said with 转载 as a verb: 转载新华社电讯, 本网全文转载《人民日报》评论员文章, 现转载南方日报报道
REPOSTED_PIECE = re.compile(rf"(?:全文|特|现|本网|本站|本号)?(?:转载|转刊|转登|摘转|编转)了?\s*(?P<source>《[^》\n]{{1,30}}》|{_PRESS}|新华社|中新社)"
                            r"\s*(?:\d{1,2}\s*月\s*\d{1,2}\s*日)?\s*(?:的)?\s*(?:电讯|通稿|报道|文章|消息|评论(?:员文章)?|社论|稿件|署名文章|综述|述评)")
# words at the edges of a source's name that are not part of it: 文章经……, …… on
_SOURCE_EDGES = re.compile(r"^(?:本文|文章|此文|该文|稿件)?经|(?:\s+(?:of|the|and|for|on|in))+$")
# the author named as a medium's writer: 本文作者系《人民法院报》特约评论员, 作者为新华社记者
AUTHOR_IS_PRESS = re.compile(rf"作者\s*(?:系|为|是)\s*(?P<source>《[^》\n]{{1,30}}》|{_PRESS}|新华社|中新社)\s*(?:特约|首席|资深|驻[\u4e00-\u9fff]{{1,4}})?"
                             r"(?:评论员|记者|编辑|撰稿人|专栏作者|主笔)")
# a copied page's footer naming where it came from: 转载请注明出处：澎湃新闻
FOOTER_SOURCE = re.compile(rf"转载请注明(?:出处|来源)\s*[:：]\s*(?P<source>{_NAME}|[^\s，,。；;（）()]{{2,16}})")
# 转载 alone on a line, heading the article (a pasted repost's label, no source given)
LONE_LABEL = re.compile(r"^[ \t>*_#【\[（(]*(?P<claim>转载|转发|转帖|转载文章|转载稿)[】\]）)]?[ \t*_:：]*$", re.MULTILINE)
# a medium's photo credit: （新华社记者　摄）, 新华社发, 中新社记者 张某 摄
PHOTO_CREDIT = re.compile(rf"(?P<source>新华社|中新社|{_PRESS})\s*(?:(?:特约|摄影|首席)?记者|通讯员)?(?:[ \t\u3000、]*[\u4e00-\u9fff]{{2,3}}(?=[ \t\u3000、]))*"
                          r"[ \t\u3000]*(?:摄|发|供图)(?=\s*[）)\]】]|\s*$)", re.MULTILINE)
# a medium's piece announced and passed on in one clause: 现将《检察日报》12月1日刊发的评论转发如下 (not the bureau's
# forwarding of a body's document: 现将省司法厅印发的……转发给你们 says 印发)
REPRINT_ONE = re.compile(rf"(?:现将|特将|兹将|今将)\s*(?P<source>《[^》\n]{{1,30}}》|{_PRESS}|新华社|中新社)[^。；\n]{{0,20}}?"
                         r"(?:刊发|刊登|发表|刊载|播发|推送)的[^。；\n]{0,20}?(?:转发|转载|转刊|摘编|摘登|推送|分享)")
# a report rewritten: 本文根据中国长安网报道整理
REWRITTEN = re.compile(rf"(?:根据|依据)\s*(?P<source>{_PRESS}|新华社|中新社)\s*(?:的)?(?:相关)?(?:报道|消息|文章|稿件|内容)"
                       r"\s*(?:整理|编写|改编|摘编|编辑|编译|综合)")
# the full text of another body's document: 以下为《广东省司法厅关于……的通知》全文
# (the title names its issuer: 《广东省司法厅关于……的通知》)
FULL_TEXT = re.compile(r"(?:以下为|以下是|下面是|现转发)\s*(?P<source>《[^》\n]{2,30}?(?:厅|局|部|委|院|政府|办公室|办公厅|中心|协会)"
                       r"(?:关于|印发)[^》\n]{2,50}》)\s*(?:的)?(?:全文|原文|正文)")
# an outside article announced and then passed on: 《人民日报》刊发评论文章《……》，现全文转发 /
# 南方日报12月1日刊登了……一文，特转载如下
REPRINT = re.compile(
    rf"(?P<source>《[^》\n]{{1,30}}》|{_PRESS}|最高人民(?:法院|检察院)|[\u4e00-\u9fff]{{2,12}}?(?:厅|(?<![内外全局干])部))"
    r"[^。；\n]{0,40}?(?:刊发|刊登|发表|发布|推送|刊载|播发|登载)"
    r"[^。\n]{0,60}?[，,；;]\s*(?:现|特|兹|今)(?:予以|将其|将该文|将全文)?(?:全文)?(?:转发|转载|转刊|编发|刊发|推送|分享|摘编|摘登|摘录|转摘|节选|整理)"
)
# another body's document announced and then given whole: 司法部官网发布通知……以下为通知原文： /
# 省司法厅日前印发《……》，全文如下：
FULL_TEXT_AFTER = re.compile(
    r"(?P<source>[\u4e00-\u9fff]{2,16}?(?:厅|(?<![内外全局])部|委|院|政府|办公室|办公厅|官网|网站|网))\s*"
    r"(?:\d{1,2}\s*月\s*\d{1,2}\s*日|近日|日前|今日|昨日)?\s*(?:印发|发布|下发|出台|公布|制定)了?"
    r"[^\n]{0,80}?(?:全文|原文|正文)(?:如下|附后)?\s*[:：]"
)
# a law or regulation quoted (摘自《中华人民共和国民法典》) is no source of a repost
# (《中国司法》《人民司法》are journals)
LAW_TITLE = re.compile(r"《[^》]*(?:(?<!司)法|法典|条例|规定|办法|规则|细则|解释|公约|章程)》")
# a medium's commentary by its column byline, heading the article or a line: 人民日报评论员：……, 本报评论员 /
# 新华社特约评论员文章, 法治日报社论：……
PRESS_COLUMN = re.compile(
    rf"^[ \t>*_#]*(?P<source>{_PRESS}|本报|本刊|本台|新华社|中新社)\s*(?:特约|首席|本报)?"
    r"(?:评论员|社论|时评|短评|述评|评论部|编辑部|观察员)(?:文章)?\s*(?:[:：丨|｜]|[ \t\u3000]+(?=\S))",
    re.MULTILINE,
)
# another body's leader's speech given as the article: 司法部部长在全国司法行政工作会议上的讲话（摘要）, ……副厅长
# 在全省……座谈会上的发言 (a higher body: a ministry, a province, the centre; the bureau's own speeches are its own)
SPEECH = re.compile(
    r"^[ \t>*_#]*(?P<source>[\u4e00-\u9fff]{0,16}?(?:(?<![内外全局干])部|厅|中央|国务院|全国[\u4e00-\u9fff]{0,6}?(?:委|会)|最高人民(?:法院|检察院)|省委|省政府|省人大)"
    r"[\u4e00-\u9fff]{0,8}?)(?:同志)?\s*在[^\n]{2,50}?(?:会议|大会|座谈会|论坛|典礼|仪式|开班式|报告会|推进会|培训班|研讨会|年会)(?:上)?的"
    r"(?:讲话|发言|致辞|报告|主旨演讲|总结讲话|主题报告)(?:\s*[（(](?:摘要|摘登|全文|节选|要点|整理稿)[）)])?[ \t*_]*$",
    re.MULTILINE,
)
# what another body released, credited in a closing line: 以上案例系最高人民检察院近日发布，本网整理刊发 /
# 上述问答由省司法厅编写 (not figures cited: 以上数据由市统计局提供)
CREDITED_AFTER = re.compile(
    r"(?:(?:以上|上述|本组|该组|这些|此组|以下)[\u4e00-\u9fff]{0,4}?(?:案例|文章|问答|解读|评论|稿件|内容|报道|图文|素材|故事|释法)|本文|此文|该文)"
    r"\s*(?:均|都|皆)?(?:系|由|为|是|来自|选自|摘自|节选自)\s*"
    # (a medium or a higher body: a local court's or bureau's contribution is its news, as in CONTRIBUTED)
    r"(?P<source>最高人民(?:法院|检察院)|[\u4e00-\u9fff]{1,8}省(?:高级人民法院|人民检察院)|[\u4e00-\u9fff“”《》+]{2,20}?(?:厅|(?<![内外全局干])部|网|报|社|台|公众号|客户端))"
    r"\s*(?:于?\s*\d{1,2}\s*月\s*\d{1,2}\s*日|近日|日前|此前|近期|今年)?\s*(?:联合)?(?:(?:特约|首席)?(?:记者|评论员))?"
    r"(?:发布|公布|推出|编写|撰写|提供|公开|刊发|发表|推送|编发|采写|撰稿)"
)


# the article is told by a reporter about another body (记者从省司法厅获悉: a medium's report; 记者从市司法局获悉 is
# the bureau's own news, its press officer writing) and a WeChat
# share's header (以下文章来源于广东司法行政)
REPORTER_VOICE = re.compile(
    r"^[ \t>*_]*(?:(?:近日|日前|今天|昨天|\d{1,2}\s*月\s*\d{1,2}\s*日)\s*[，,]?\s*)?(?P<paper>记者)\s*(?:近日|日前)?\s*从(?P<body>[^，。；\n]{2,20}?)(?:获悉|了解到|得知)"
    r"|^[ \t>*_]*以下文章来源于\s*(?P<source>[^\s，,。；;]{2,20})",
    re.MULTILINE,
)
# a paper's issue and page, credited: 《人民日报》（2026年11月20日 04版）, 法治日报2026年12月1日第5版
EDITION = re.compile(
    rf"(?P<source>《[^》\n]{{1,20}}》|{_PRESS})\s*[（(]?\s*\d{{4}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日\s*[，,、 \t\u3000]?\s*"
    r"(?:第\s*)?[A-Za-z]?[0-9０-９一二三四五六七八九十]{1,3}\s*版"
)
# the reporter's names run on into what they made (……记者陈某某、通讯员李某某报道的《……》获评……)
_CREDIT_NARRATED = re.compile(r"[^。！？\n]{0,30}?(?:报道|采写|撰写|拍摄|创作|制作|编写)的")
# a source line names a publisher (a site, a paper, a body, an account); 来自：市民来信 names a letter
_PUBLISHER = re.compile(rf"(?:{_NAME})(?=$|[\s，,。；;）)】\]])")
_LOOSE_LABEL = re.compile(r"来自|出处")  # labels that also head other lines (来自：市民来信, 出处：第3页)
_FROM_PUBLIC = re.compile(r"来信|来电|来访|投诉|举报|群众|市民|网友|读者|热线|留言|信箱")
# each pattern with the literals one of which it must contain: it runs only when one is there
class _Anchored:
    """A pattern that opens with a long run of any characters (the source's name), run only where
    its closing words stand: each match of `anchor` is looked for from `back` characters before it to a
    few characters after it (a closing bracket).
    Performance only: the same matches as pattern.finditer, without trying the name at every position."""

    def __init__(self, pattern: re.Pattern[str], anchor: str, back: int) -> None:
        self.pattern, self.anchor, self.back = pattern, re.compile(anchor), back

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        end = 0
        for a in self.anchor.finditer(text):
            if a.end() <= end:
                continue
            m = self.pattern.search(text, max(end, a.start() - self.back), a.end() + 4)
            if m is not None:
                end = m.end()
                yield m


SOURCE_PATTERNS: tuple[tuple[re.Pattern[str] | _Anchored | _Labelled, tuple[str, ...]], ...] = (
    (SOURCE_LINE, ("来源", "稿源", "出处", "发布机构", "发文机关", "发布单位", "来自", "转自", "摘自", "选自", "源自", "首发",
                   "原载", "原刊", "分享自", "引自", "整理自", "节选自", "编译自", "编辑自")),
    (SOURCE_PHRASE, ("转", "摘", "自", "刊", "载", "首发", "发表", "原发", "来源", "稿源")),
    (MEDIA, ("据",)),
    (COMBINED, ("综合",)),
    (AUTHORISED, ("授权", "同意", "原文", "转载链接", "原标题")),
    (DATELINE, ("日电", "日讯", "本报讯", "本台讯")),
    (BYLINE, ("记者",)),
    (PRINTED_IN, ("本文", "此文", "该文", "这篇文章", "原文", "全文", "文章", "本稿")),
    (BROKE, ("消息", "报道", "新闻", "文章", "此事", "该事")),
    (_Anchored(CONTRIBUTED, r"供稿|提供|来稿|撰稿|授权", 40), ("供稿", "提供", "来稿", "撰稿", "授权")),
    (LEAD_CREDIT, ("消息", "讯", "报道", "【")),
    (FULL_TEXT, ("全文", "原文", "正文")),
    (_Anchored(CLOSING_CREDIT, r"(?m)[）)][ \t\u3000*_]*$", 40), ("）", ")")),
    (PRESS_LEARNED, ("获悉", "了解到", "得知", "图文", "文", "供稿", "稿件")),
    (_Anchored(FULL_TEXT_AFTER, r"(?:全文|原文|正文)(?:如下|附后)?\s*[:：]", 120), ("全文", "原文", "正文")),
    (_Anchored(REPRINT, r"(?:现|特|兹|今)(?:予以|将其|将该文|将全文)?(?:全文)?(?:转发|转载|转刊|编发|刊发|推送|分享|摘编|摘登|摘录|转摘|节选|整理)",
               120), ("转发", "转载", "转刊", "编发", "刊发", "推送", "分享", "摘编", "摘登", "摘录", "转摘", "节选", "整理")),
    (BRACKET_LABEL, ("来源", "出处", "稿源", "转自", "转载")),
    (REWRITTEN, ("整理", "编写", "改编", "摘编", "编辑", "编译", "综合")),
    (REPOSTED_PIECE, ("转载", "转刊", "转登", "摘转", "编转")),
    (AUTHOR_IS_PRESS, ("作者",)),
    (REPRINT_ONE, ("现将", "特将", "兹将", "今将")),
    (LONE_LABEL, ("转载", "转发", "转帖")),
    (_Anchored(PHOTO_CREDIT, r"(?m)(?:摄|发|供图)(?=[ \t\u3000]*[）)\]】]|[ \t\u3000]*$)", 40), ("摄", "发", "供图")),
    (FOOTER_SOURCE, ("注明",)),
    (SOURCE_EN, ("ource", "rom", "ia", "redit", "OURCE", "ROM", "IA", "REDIT", "eprinted")),
    (WECHAT_CHROME, ("原创", "转载", "转自", "阅读原文", "关注")),
    (COPY_CLAIM, ("侵权", "侵删", "阅读原文", "代表本", "原标题", "原题", "原文标题")),
    (_Labelled(), ("来源", "出处")),
    (SOURCE_EN_PHRASE, ("from", "From", "FROM", "ourtesy", "OURTESY", "riginally", "RIGINALLY", "irst", "By")),
    (ANNOUNCED_BELOW, ("以下为", "以下是", "下面是")),
    (_Anchored(MEDIUM_SAID, r"(?:报道|披露|刊文|发文|援引)(?:的那样|称|说|指出|显示|提到|介绍)", 40),
     ("报道", "披露", "刊文", "发文", "援引")),
    (_Anchored(SITE_SAID, r"(?:发布|刊发|刊登|推送|发表)了?的?(?:消息|文章|报道|通报)", 40), ("消息", "文章", "报道", "通报")),
    (PRESS_COLUMN, ("评论员", "社论", "时评", "短评", "述评", "评论部", "编辑部", "观察员")),
    (SPEECH, ("讲话", "发言", "致辞", "报告", "演讲")),
    (EDITION, ("版",)),
    (REPORTER_VOICE, ("记者", "以下文章来源于")),
    (CREDITED_AFTER, ("以上", "上述", "本文", "此文", "该文", "本组", "该组", "这些", "此组", "以下")),
)
_PICTURE = re.compile(r"图|照片|视频")
_FIRST_PERSON = re.compile(r"我市|我局|本局|我县|我区")
# what follows a source that is a document cited by its number: (任免)通知，湛府任〔2026〕28号
_DOCUMENT_CITED = re.compile(r"[\u4e00-\u9fff]{0,8}?(?:通知|决定|通报|批复|公告|意见|函|文件)?\s*[，,、（(]?\s*"
                             r"[\u4e00-\u9fff]{1,8}[〔\[［(（【﹝]\d{4}[〕\]］)）】﹞]第?\d+号")
# Front-matter keys that mark an article as a repost outside the repost: block
# (source: 新华网, 来源: …): the original's time must still be given in repost.published.
REPOST_KEYS = re.compile(r"(?:source(?:[_-]?(?:name|url|link|site|from))?|origin(?:al)?(?:[_-]?(?:url|link|source))?"
                         r"|reprint(?:ed)?(?:[_-]?from)?|repost(?:ed)?[_-]?from|from|via|credit|copied[_-]?from"
                         r"|来源|转载|转载来源|信息来源|原文|原文链接|原文出处|原文网址|原文地址|原载|出处|转自|来源链接|来源网址)",
                         re.IGNORECASE)


@rule
class SourceRule(Rule):
    """转载稿件没有在 front matter 中注明来源。

    ## 作用
    front matter 的 author 写的是媒体或上级机关（“新华社”“南方日报”“省司法厅”）而不是本局拟稿人，或正文有“来源：”“来源丨”行，或写了“转载自”“转自”“摘自”“信息来源于”“原载”某网站、报刊、机关或
    公众号（“微信公众号‘广东司法行政’”），或写“据新华社报道”“据‘湛江发布’微信公众号消息”“正如南方日报所报道的那样”“法治日报报道称”“综合新华社、
    人民日报报道”转述媒体报道，或先说某报刊、网站刊发了一篇文章再说“现全文转发”“特转载如下”，或先说外单位印发、发布了文件再说
“全文如下：”“以下为通知原文：”，或有“新华社北京12月3日电”“本报讯”一类电头，或行末括号中写着媒体（“（新华社）”“（法治日报记者 张某）”），或留着微信文章的页眉页脚（“原创　某公众号　日期”
    “阅读原文　在看”），或有“【来源】……”“Source: ……”“根据……报道整理”“以下为……发布的……”“文/……厅”，
    或图片注明“来自新华网”、图注写“图片及文字来源：……”，或留有“点击上方蓝字关注”“如有侵权请联系删除”“点击‘阅读原文’”，
    或英文段落中写“Reproduced from ……”“Courtesy of ……”，或标题以“（转）”“（转载）”结尾（繁体字同样检查），
    或以媒体评论员署名开头（“人民日报评论员：”“南方日报社论｜”），或是上级机关领导的讲话全文（“司法部部长在……会议上的讲话（摘要）”），
    或结尾说明内容是外单位发布的（“以上案例系最高人民检察院近日发布”“本文系法治日报记者采写”），或注明报纸的日期和版次
    （“《人民日报》（2026年11月20日 04版）”），或记者从外单位获悉（“记者从省司法厅获悉”；从本局获悉的是本局新闻），
    或留有“以下文章来源于……”“观点不代表本站立场”“本文原题：……”，或写“转载新华社电讯”“现全文转载《……》评论员文章”、
    “分享自：”“引自：”、图注写“原文截图，来源：……”、作者是媒体的评论员或记者（“作者系《人民法院报》特约评论员”）、
    留有“转载请注明出处：澎湃新闻”、英文署名“By Xinhua reporter ……”“first published by ……”，且来源不是本单位时，文章就是转载稿，
    front matter 必须有 `repost`（来源单位 source_name、原文链接 source_url、原文发布时间
    published），网站据此在页面上标注转载来源、时间和链接。已有 repost 但缺少来源、链接或原文发布时间的，原文发布时间不是具体日期（“近日”“2026年11月”）的（晚于本文的见 repost.date-order），
    或用 repost 以外的字段（`source:`、`来源:`）标明转载而没有原文发布时间的，同样提示
    （第十一条要求标注转载时间）。
    引用政府部门发布的数据（“据省疾控中心发布的监测信息”）、以外单位消息为背景写本局工作、
    按文号引用文件（“摘自……通知，湛府任〔2026〕28号”）、本局自己的转发通知和媒体对本局工作的报道（“……报道称，我市……”）不提示；
    “来自：”“出处：”一行只有写出发布者（网站、报刊、机关、公众号）时才是来源（“来自：市民来信”不提示），
    本局领导的讲话、学习上级讲话精神、“以上数据由市统计局提供”也不提示；用一句话引媒体报道作由头、
    另起一段写本局工作的（“据新华社报道，……仲裁法……。/ 市司法局近日组织……学习”）不提示。

    ## 原因
    第十一条：转载页面要清晰标注转载来源网站、转载时间、转载链接；刊登上级文件应从
    制发机关门户网站或其授权媒体转载。

    ## 示例
    正文最后一行 `来源：广东省司法厅`，front matter 没有 `repost`。

    ## 修改方法
    在 front matter 中添加：
    ```yaml
    repost:
      source_name: 广东省司法厅
      source_url: https://sft.gd.gov.cn/...
      published: 2026-11-18
    ```
    """

    id = "repost.source"
    title = "转载来源"
    article = "第十一条"

    def check(self, doc: Document) -> Iterable[Hit]:
        meta = doc.article.meta
        repost = meta.get("repost")
        marked = [k for k in meta if isinstance(k, str) and REPOST_KEYS.fullmatch(k)]
        if repost is not None and not isinstance(repost, dict) or marked and not isinstance(repost, dict):
            key = "repost" if repost is not None else marked[0]
            yield doc.value_hit(self.id, key,
                                f"“{key}”标明这是转载稿，但没有写出原文发布时间：改为 repost 下的 source_name、"
                                "source_url 和 published（如 2026-11-18）三项")
            return
        if isinstance(repost, dict):
            yield from self._metadata(doc, repost)
            return
        title = doc.meta_str("title") or ""
        if TITLE_REPOST.search(title):
            yield doc.value_hit(self.id, "title",
                                f"标题“{title}”标明是转载：须在 front matter 填写 repost（source_name、source_url、published），"
                                "标题中不必再写“转载”")
        own = (*own_names(self.policy), *_OWN_WORDS,
               *(str(acc.get("name") or "") for acc in self.policy.accounts.values()))  # our own accounts
        author = (doc.meta_str("author") or "").strip()
        if AUTHOR_PRESS.fullmatch(author) and not any(name and name in author for name in own):
            yield doc.value_hit(self.id, "author",
                                f"拟稿人写的是“{author}”：这是外单位或媒体的稿件，转载须在 front matter 填写 repost"
                                "（source_name、source_url、published），author 填本局拟稿人")
        view = doc.prose
        if INVISIBLE_RE.search(view.text):  # 来\u200b源：, 抄\u200b送： read as the page shows them
            view = view.fold()
        if doc.simplified is not doc.folded:  # traditional characters (來源：中國法院網) read as simplified
            view = view.simplify()
        text = view.text
        maybe = self._gate.candidates(text)
        found = [m for i, (pattern, needles) in enumerate(SOURCE_PATTERNS)
                 if i in maybe and any(n in text for n in needles) for m in pattern.finditer(text)]
        signed = outside_signature(text, doc.body_vstart, own)
        if signed is not None:  # the text of a document that another body signed
            start, end, name = signed
            yield doc.hit(self.id, view, start + len(text[start:end]) - len(text[start:end].lstrip(" \t\u3000*_>")),
                          end, f"正文是“{name}”落款的文件：转载外单位的文件须在 front matter 填写 repost"
                               "（source_name、source_url、published）")
        for m in found:
            group = "source" if m.groupdict().get("source") else next(
                (g for g in ("follow", "claim", "more", "stance", "title", "retitled", "byline", "account") if g in m.re.groupindex and m.group(g)),
                "paper")
            source = re.split(r"\u3000|\s{2,}|\t", m.group(group).strip(" *_。】］]〕"))[0]  # 来源：X　　发布时间：……
            source = _SOURCE_EDGES.sub("", source) or source  # 文章经中国长安网编辑部, China Daily on
            if (m.re is MEDIA or m.re is LEAD_CREDIT and m.group("source")) and not _MEDIUM_WORD.search(
                    m.group("source")) and self._cited(text, m, doc.body_vstart):
                continue
            if m.re in (MEDIA, LEAD_CREDIT) and self._news_peg(text, m, doc.body_vstart, own):
                continue  # 据新华社报道，新修订的仲裁法……。(another paragraph) 市司法局近日组织……: the bureau's own news
            if m.re is BYLINE and _CREDIT_NARRATED.match(text, m.end()):
                continue  # 湛江日报记者陈某某……报道的《……》获评……: a report spoken of, not a byline
            if m.re is REPORTER_VOICE and group == "paper":
                if not _is_own(m.group("body").strip(), own):  # 记者从市司法局获悉: the bureau's own news
                    yield doc.hit(self.id, view, m.start(group), m.end(),
                                  f"正文以记者的口吻写成（“{m.group().strip()}”）：这是媒体的报道，转载须在 front matter 填写 "
                                  "repost（source_name、source_url、published），或改写为本局的稿件")
                continue
            if _is_own(source, own) and group not in ("stance", "title", "retitled") or LAW_TITLE.fullmatch(source):
                continue  # (a disclaimer names this site: 不代表本站立场 is the copy's, not a source of ours)
            if m.re is SOURCE_LINE and not _PUBLISHER.match(source) and (
                    _LOOSE_LABEL.search(m.group(), 0, m.start("source") - m.start()) or _FROM_PUBLIC.search(source)):
                continue  # 来自：市民来信 / 来源：群众来电: a letter from the public, no publisher named
            if m.re in (MEDIUM_SAID, EDITION) and _FIRST_PERSON.search(text, m.end(), sentence_at(text, m.end())[1]):
                continue  # 人民日报报道称，我市……经验在全国推广: the bureau's own work as the press covered it
            if m.re is SOURCE_PHRASE and _DOCUMENT_CITED.match(text, m.end("source")):
                continue  # 摘自湛江市人民政府任免通知，湛府任〔2026〕28号: a document cited by its number
            if source in ("网络", "互联网") and _PICTURE.search(m.group()):
                continue  # 图片来自网络: an illustration's vague credit, no article reposted
            if group in ("follow", "claim", "more", "stance", "title", "retitled"):
                yield doc.hit(self.id, view, m.start(group), m.end(group),
                              f"正文留有转载文章的“{source}”：这是从公众号或其他网站转载的文章，删除原文的页眉页脚和声明，"
                              "并在 front matter 填写 repost（source_name、source_url、published）")
                continue
            at = m.start(group) + max(0, m.group(group).find(source))
            yield doc.hit(self.id, view, at, at + len(source),
                          f"转载自{source if source.startswith(('“', '《')) else f'“{source}”'}的稿件须在 front matter "
                          "填写 repost（source_name、source_url、published）")

    @staticmethod
    def _cited(text: str, m: re.Match[str], body: int) -> bool:
        """A government body's figures cited (据……发布的监测信息) or its news as the background to the
        bureau's own work told in another paragraph (据市应急管理局消息……。市司法局组织……)."""
        if _DATA_AFTER.match(text, m.end()):
            return True
        para_start = text.rfind("\n\n", 0, m.start()) + 2 if "\n\n" in text[:m.start()] else body
        para_end = text.find("\n\n", m.end())
        para_end = len(text) if para_end < 0 else para_end
        return bool(_OWN_WORK.search(text, body, max(body, para_start)) or _OWN_WORK.search(text, para_end))

    @staticmethod
    def _news_peg(text: str, m: re.Match[str], body: int, own: tuple[str, ...]) -> bool:
        """A medium's report retold in one sentence, its paragraph holding nothing else, and the bureau acting in
        another paragraph: the report is the peg of the bureau's own news, not a repost."""
        para_start = text.rfind("\n\n", body, m.start())
        para_start = body if para_start < 0 else para_start + 2
        para_end = text.find("\n\n", m.end())
        para_end = len(text) if para_end < 0 else para_end
        if sum(text.count(c, para_start, para_end) for c in "。！？") > 1:
            return False
        return any(_is_own(a.group(1), own) for a in (*_OWN_ACTION.finditer(text, body, para_start),
                                                      *_OWN_ACTION.finditer(text, para_end)))

    @cached_property
    def _gate(self) -> Regexes:
        # an _Anchored pattern finds what its regex finds: the regex's anchors hold for it too
        return Regexes([p.pattern if isinstance(p, (_Anchored, _Labelled)) else p for p, _ in SOURCE_PATTERNS])

    def _metadata(self, doc: Document, repost: dict[str, object]) -> Iterator[Hit]:
        """The repost block names the source, its address and the original's publication time as a
        day (meta.date checks the format; repost.date-order its order against this article's date)."""
        missing = [f"{key}（{name}）" for key, name in REPOST_FIELDS.items()
                   if not str(repost.get(key) or "").strip()]
        if missing:
            yield doc.value_hit(self.id, "repost",
                                f"转载稿缺少{'、'.join(missing)}：第十一条要求标注转载来源、链接和原文发布时间，"
                                "在 repost 中填写（published 如 2026-11-18）")
            return
        published = str(repost["published"]).strip()
        day = parse_day(published) or parse_datetime(published)
        if day is None:  # 近日, 2026年11月: no day a reader can check
            yield doc.value_hit(self.id, ("repost", "published"),
                                f"原文发布时间“{published}”不是具体日期：第十一条要求标注转载时间，"
                                "填写原文在来源网站上的发布日期（如 2026-11-18）")
            return  # a date later than this article's own: repost.date-order (a warning)
