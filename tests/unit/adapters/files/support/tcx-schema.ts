import type { XmlElement } from './mini-xml';

/**
 * The part of Garmin's TrainingCenterDatabase v2 schema (TrainingCenterDatabasev2.xsd) that a heart-rate-only
 * activity touches, transcribed from its xsd:sequence definitions: element names, order, minOccurs/maxOccurs and
 * the simple types. Complex types we never write (Folders_t, Position_t, Training_t, ...) are listed by name so
 * that meeting one is reported rather than waved through.
 */
interface Particle {
  name: string;
  type: string;
  min: number;
  max: number;
}

const once = (name: string, type: string): Particle => ({ name, type, min: 1, max: 1 });
const optional = (name: string, type: string): Particle => ({ name, type, min: 0, max: 1 });
const many = (name: string, type: string, min = 0): Particle => ({ name, type, min, max: Infinity });

interface ComplexType {
  sequence: Particle[];
  attributes?: Record<string, { type: string; required: boolean }>;
}

const complexTypes: Record<string, ComplexType> = {
  TrainingCenterDatabase_t: {
    sequence: [
      optional('Folders', 'Folders_t'),
      optional('Activities', 'ActivityList_t'),
      optional('Workouts', 'WorkoutList_t'),
      optional('Courses', 'CourseList_t'),
      optional('Author', 'AbstractSource_t'),
      optional('Extensions', 'Extensions_t'),
    ],
  },
  ActivityList_t: {
    sequence: [many('Activity', 'Activity_t'), many('MultiSportSession', 'MultiSportSession_t')],
  },
  Activity_t: {
    sequence: [
      once('Id', 'xsd:dateTime'),
      many('Lap', 'ActivityLap_t', 1),
      optional('Notes', 'xsd:string'),
      optional('Training', 'Training_t'),
      optional('Creator', 'AbstractSource_t'),
      optional('Extensions', 'Extensions_t'),
    ],
    attributes: { Sport: { type: 'Sport_t', required: true } },
  },
  ActivityLap_t: {
    sequence: [
      once('TotalTimeSeconds', 'xsd:double'),
      once('DistanceMeters', 'xsd:double'),
      optional('MaximumSpeed', 'xsd:double'),
      once('Calories', 'xsd:unsignedShort'),
      optional('AverageHeartRateBpm', 'HeartRateInBeatsPerMinute_t'),
      optional('MaximumHeartRateBpm', 'HeartRateInBeatsPerMinute_t'),
      once('Intensity', 'Intensity_t'),
      optional('Cadence', 'CadenceValue_t'),
      once('TriggerMethod', 'TriggerMethod_t'),
      many('Track', 'Track_t'),
      optional('Notes', 'xsd:string'),
      optional('Extensions', 'Extensions_t'),
    ],
    attributes: { StartTime: { type: 'xsd:dateTime', required: true } },
  },
  Track_t: { sequence: [many('Trackpoint', 'Trackpoint_t', 1)] },
  Trackpoint_t: {
    sequence: [
      once('Time', 'xsd:dateTime'),
      optional('Position', 'Position_t'),
      optional('AltitudeMeters', 'xsd:double'),
      optional('DistanceMeters', 'xsd:double'),
      optional('HeartRateBpm', 'HeartRateInBeatsPerMinute_t'),
      optional('Cadence', 'CadenceValue_t'),
      optional('SensorState', 'SensorState_t'),
      optional('Extensions', 'Extensions_t'),
    ],
  },
  HeartRateInBeatsPerMinute_t: { sequence: [once('Value', 'positiveByte')] },
};

const simpleTypes: Record<string, (text: string) => boolean> = {
  'xsd:string': () => true,
  'xsd:dateTime': (text) =>
    /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/.test(text) &&
    !Number.isNaN(Date.parse(text)),
  'xsd:double': (text) => /^(-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|-?INF|NaN)$/.test(text),
  'xsd:unsignedShort': (text) => /^\+?\d+$/.test(text) && Number(text) <= 65535,
  positiveByte: (text) => /^\+?\d+$/.test(text) && Number(text) >= 1 && Number(text) <= 255,
  CadenceValue_t: (text) => /^\+?\d+$/.test(text) && Number(text) <= 254,
  Sport_t: (text) => ['Running', 'Biking', 'Other'].includes(text.trim()),
  Intensity_t: (text) => ['Active', 'Resting'].includes(text.trim()),
  TriggerMethod_t: (text) => ['Manual', 'Distance', 'Location', 'Time', 'HeartRate'].includes(text.trim()),
  SensorState_t: (text) => ['Present', 'Absent'].includes(text.trim()),
};

export const tcxNamespace = 'http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2';

/** Every way the document departs from the schema, as readable paths; empty when it is valid. */
export function tcxSchemaErrors(root: XmlElement): string[] {
  const errors: string[] = [];
  if (root.name !== 'TrainingCenterDatabase') errors.push(`root is <${root.name}>`);
  if (root.attributes.xmlns !== tcxNamespace)
    errors.push('root is not in the TrainingCenterDatabase v2 namespace');
  check(root, 'TrainingCenterDatabase_t', root.name, errors);
  return errors;
}

function check(element: XmlElement, type: string, path: string, errors: string[]): void {
  const simple = simpleTypes[type];
  if (simple) {
    if (element.children.length > 0) errors.push(`${path}: a ${type} has no child elements`);
    if (!simple(element.text)) errors.push(`${path}: ${JSON.stringify(element.text)} is not a ${type}`);
    return;
  }
  const complex = complexTypes[type];
  if (!complex) {
    errors.push(`${path}: type ${type} is not modelled in this check`);
    return;
  }
  if (element.text.trim() !== '')
    errors.push(`${path}: unexpected text ${JSON.stringify(element.text.trim())}`);
  for (const [name, value] of Object.entries(element.attributes)) {
    if (name === 'xmlns' || name.startsWith('xmlns:') || name.startsWith('xsi:')) continue;
    const declared = complex.attributes?.[name];
    if (!declared) errors.push(`${path}: attribute ${name} is not allowed`);
    else if (!simpleTypes[declared.type]?.(value))
      errors.push(`${path}/@${name}: ${value} is not a ${declared.type}`);
  }
  for (const [name, declared] of Object.entries(complex.attributes ?? {})) {
    if (declared.required && !(name in element.attributes))
      errors.push(`${path}: attribute ${name} is required`);
  }
  let index = 0;
  for (const particle of complex.sequence) {
    let count = 0;
    while (count < particle.max && element.children[index]?.name === particle.name) {
      const child = element.children[index];
      if (child) check(child, particle.type, `${path}/${particle.name}[${count}]`, errors);
      index += 1;
      count += 1;
    }
    if (count < particle.min) errors.push(`${path}: <${particle.name}> is missing or out of order`);
  }
  for (const extra of element.children.slice(index)) {
    errors.push(`${path}: <${extra.name}> is not allowed here (out of order or unknown)`);
  }
}

export function descendants(element: XmlElement, name: string): XmlElement[] {
  return element.children.flatMap((child) => [
    ...(child.name === name ? [child] : []),
    ...descendants(child, name),
  ]);
}
