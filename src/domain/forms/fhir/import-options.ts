import type { ChoiceOption } from '../definition.js';
import { EXT, findExtension } from './extensions.js';
import type { ImportContext } from './import-context.js';
import type { AnswerOption, ContainedValueSet, Extension, QuestionnaireItem } from './types.js';

const OPTION_EXTENSIONS = new Set<string>([EXT.ordinalValue, EXT.itemWeight, EXT.optionExclusive]);

/** The options of a choice item: inline answerOption, or a contained ValueSet ("#id"); null if none. */
export function readOptions(ctx: ImportContext, qi: QuestionnaireItem): ChoiceOption[] | null {
  if (qi.answerOption) return qi.answerOption.flatMap((o) => readOption(ctx, o, qi.linkId) ?? []);
  if (!qi.answerValueSet?.startsWith('#')) return null;
  const vs = (ctx.q.contained ?? []).find(
    (r): r is ContainedValueSet => r.resourceType === 'ValueSet' && `#${r.id}` === qi.answerValueSet,
  );
  const composed = vs?.compose?.include.flatMap((inc) =>
    (inc.concept ?? []).map((c) => ({ ...c, system: inc.system })),
  );
  const concepts = composed ?? vs?.expansion?.contains ?? [];
  if (!concepts.length) return null;
  return concepts.map((c) =>
    scored(
      ctx,
      {
        ...(c.system ? { system: c.system } : {}),
        code: c.code,
        text: ctx.text(c.display ?? c.code, undefined),
      },
      c.extension,
      qi.linkId,
    ),
  );
}

function readOption(ctx: ImportContext, o: AnswerOption, linkId: string): ChoiceOption | null {
  let option: ChoiceOption;
  if (o.valueCoding) {
    const code = o.valueCoding.code;
    if (!code) {
      ctx.issue(linkId, linkId, 'missing_code', "an answer option's coding has no code");
      return null;
    }
    const system = o.valueCoding.system;
    option = {
      ...(system ? { system } : {}),
      code,
      text: ctx.text(o.valueCoding.display ?? code, o.valueCoding._display),
    };
  } else {
    const value =
      o.valueString ?? o.valueDate ?? (o.valueInteger !== undefined ? String(o.valueInteger) : undefined);
    if (value === undefined) {
      ctx.issue(
        linkId,
        linkId,
        'unsupported_option',
        'only coding, string, integer and date options are supported',
      );
      return null;
    }
    option = { code: value, text: { sv: value, en: value } };
  }
  const result = scored(ctx, option, [...(o.extension ?? []), ...(o.valueCoding?.extension ?? [])], linkId);
  if (findExtension(o.extension, EXT.optionExclusive)?.valueBoolean) result.exclusive = true;
  return result;
}

/** Adds the score from ordinalValue (R4) or itemWeight (R5 name). */
function scored(
  ctx: ImportContext,
  option: ChoiceOption,
  extensions: Extension[] | undefined,
  linkId: string,
): ChoiceOption {
  for (const ext of extensions ?? []) if (!OPTION_EXTENSIONS.has(ext.url)) ctx.ignore(ext.url, linkId);
  const score =
    findExtension(extensions, EXT.ordinalValue)?.valueDecimal ??
    findExtension(extensions, EXT.itemWeight)?.valueDecimal;
  return score === undefined ? option : { ...option, score };
}
