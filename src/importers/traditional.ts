/**
 * Documents in traditional characters (reposts, Hong Kong and Taiwan mirror sites), sometimes with pinyin glosses a
 * mirror injected after characters (`衛(wèi)生`): converted to simplified with OpenCC (opencc-js) and the glosses
 * stripped, each with a warning — never refused.
 */
import { Converter } from 'opencc-js/t2cn';

/** Characters common in announcements that exist only in traditional writing. */
const TRADITIONAL_ONLY =
  /[關於們為與國說這進會對發體實現後問題書長門開時間東車馬檢應項屬黨紀幹區縣傳達習單確認據護處辦務規範權負責廳際]/gu;

/** A pinyin gloss after a Han character, as mirror sites inject them: 衛(wèi). */
const GLOSS = /(\p{Script=Han})\(([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ]{1,6})\)/gu;
/** A gloss carries a tone mark; (gb), (pdf) and the like do not, and are kept. */
const TONE = /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹ]/;

let toCn: ((text: string) => string) | null = null;

/** The text in simplified characters without pinyin glosses, and what was done, as warnings in Chinese. */
export function simplifyChinese(text: string): { text: string; warnings: string[] } {
  const warnings: string[] = [];
  let out = text;
  let glosses = 0;
  out = out.replace(GLOSS, (all: string, han: string, pinyin: string) => {
    if (!TONE.test(pinyin)) return all;
    glosses += 1;
    return han;
  });
  if (glosses > 0) warnings.push(`已去除文中的拼音注音 ${glosses} 处（如“衛(wèi)生”），请核对`);
  const traditional = out.match(TRADITIONAL_ONLY)?.length ?? 0;
  if (traditional >= 3) {
    toCn ??= Converter({ from: 't', to: 'cn' });
    out = toCn(out);
    warnings.push('原文为繁体字，已转换为简体字（OpenCC），请核对人名、地名等专有名词');
  }
  return { text: out, warnings };
}
