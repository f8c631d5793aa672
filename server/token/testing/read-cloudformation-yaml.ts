import * as yamlPlugin from 'prettier/plugins/yaml';

/**
 * Reads a CloudFormation/SAM YAML template into plain data, short-form tags included (`!Sub x` ->
 * `{ 'Fn::Sub': x }`). The YAML parser is Prettier's (a direct dev dependency, reached through
 * its documented plugin API `parsers.yaml.parse`), so no extra package is needed; only the node
 * kinds a template uses are converted, anything else throws rather than being misread.
 */
interface YamlNode {
  type: string;
  value?: string;
  tag?: { value: string } | null;
  children?: (YamlNode | null)[];
}

const SHORT_FORMS: Record<string, string> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
};
for (const name of [
  'Sub',
  'GetAtt',
  'If',
  'Equals',
  'Not',
  'And',
  'Or',
  'Join',
  'Select',
  'Split',
  'FindInMap',
  'ImportValue',
  'Base64',
  'Cidr',
  'GetAZs',
]) {
  SHORT_FORMS[`!${name}`] = `Fn::${name}`;
}

function plainScalar(text: string): unknown {
  if (/^(true|True|TRUE)$/.test(text)) return true;
  if (/^(false|False|FALSE)$/.test(text)) return false;
  if (/^(null|Null|NULL|~)$/.test(text)) return null;
  if (/^[-+]?\d+(\.\d+)?$/.test(text)) return Number(text);
  return text;
}

function convert(node: YamlNode | null | undefined): unknown {
  if (!node) return null;
  const value = convertUntagged(node);
  const tag = node.tag?.value;
  if (tag === undefined) return value;
  const key = SHORT_FORMS[tag];
  if (key === undefined) throw new Error(`Unsupported YAML tag ${tag}`);
  // `!GetAtt Resource.Attribute` is the string form of ['Resource', 'Attribute'].
  if (key === 'Fn::GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    return { [key]: [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [key]: value };
}

function convertUntagged(node: YamlNode): unknown {
  const children = node.children ?? [];
  switch (node.type) {
    case 'plain':
      return plainScalar(node.value ?? '');
    case 'quoteDouble':
    case 'quoteSingle':
    case 'blockLiteral':
    case 'blockFolded':
      return node.value ?? '';
    case 'mapping':
    case 'flowMapping': {
      const result: Record<string, unknown> = {};
      for (const item of children) {
        const [key, value] = item?.children ?? [];
        const name = convert(key?.children?.[0]);
        if (typeof name !== 'string') throw new Error('Only string keys are supported');
        if (Object.hasOwn(result, name)) throw new Error(`Duplicate key ${name}`);
        result[name] = convert(value?.children?.[0]);
      }
      return result;
    }
    case 'sequence':
    case 'flowSequence':
      return children.map((item) =>
        item?.type === 'sequenceItem' || item?.type === 'flowSequenceItem'
          ? convert(item.children?.[0])
          : convert(item),
      );
    default:
      throw new Error(`Unsupported YAML node ${node.type}`);
  }
}

export async function readCloudFormationYaml(text: string): Promise<Record<string, unknown>> {
  const parser = (
    yamlPlugin as unknown as {
      parsers: { yaml: { parse(text: string, options: object): YamlNode | Promise<YamlNode> } };
    }
  ).parsers.yaml;
  const root = await parser.parse(text, {});
  const documents = (root.children ?? []).filter((child) => child?.type === 'document');
  if (documents.length !== 1) throw new Error('Expected exactly one YAML document');
  const body = documents[0]!.children?.find((child) => child?.type === 'documentBody');
  const content = body?.children?.find((child) => child && child.type !== 'comment');
  const template = convert(content);
  if (typeof template !== 'object' || template === null || Array.isArray(template)) {
    throw new Error('A template is a mapping');
  }
  return template as Record<string, unknown>;
}
