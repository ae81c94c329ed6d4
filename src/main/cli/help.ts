// Commander's help in Chinese, for every command line of the project (nianbao, npm run web).
import { Argument, Command, Help, Option } from 'commander';

// Commander writes its help's headings and notes in English; a clerk reads them in Chinese.
const HELP_WORDS: [RegExp, string][] = [
  [/^Usage:$/, '用法：'],
  [/^Arguments:$/, '参数：'],
  [/^Options:$/, '选项：'],
  [/^Global Options:$/, '全局选项：'],
  [/^Commands:$/, '命令：'],
  [/\[options\]/g, '[选项]'],
  [/\[command\]/g, '[命令]'],
  [/ ?\((default|choices|preset|env): (.*)\)$/, '（$1：$2）'],
  [/（default：/, '（默认：'],
  [/（choices：/, '（可选：'],
  // A repeatable option's empty start value is no default a person needs to read.
  [/（默认：(\{\}|\[\])）/, ''],
];
const inChinese = (text: string) => HELP_WORDS.reduce((t, [from, to]) => t.replace(from, to), text);
export const HELP_IN_CHINESE = {
  styleTitle: inChinese,
  commandUsage(this: Help, cmd: Command) {
    return inChinese(Help.prototype.commandUsage.call(this, cmd));
  },
  subcommandTerm(this: Help, cmd: Command) {
    return inChinese(Help.prototype.subcommandTerm.call(this, cmd));
  },
  optionDescription(this: Help, option: Option) {
    return inChinese(Help.prototype.optionDescription.call(this, option));
  },
  argumentDescription(this: Help, argument: Argument) {
    return inChinese(Help.prototype.argumentDescription.call(this, argument));
  },
};
