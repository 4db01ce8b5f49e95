import { Kind, print, type ObjectTypeDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { departments } from './registry.js';
import { hubDepartmentTypeDefs, hubServedFields } from './hub-view.js';
import { departmentEntityTypeDefs } from './sdl.js';

const housing = departments.find((d) => d.code === 'housing')!;
const objectType = (defs: readonly { kind: string }[], name: string) =>
  defs.find(
    (d): d is ObjectTypeDefinitionNode =>
      d.kind === Kind.OBJECT_TYPE_DEFINITION && (d as ObjectTypeDefinitionNode).name.value === name,
  );
const fieldNames = (type: ObjectTypeDefinitionNode | undefined) => type?.fields?.map((f) => f.name.value) ?? [];

describe("the hub's view of a department", () => {
  const hubTypes = hubDepartmentTypeDefs(housing);

  it('declares exactly the fields the hub serves, for each of the three entities', () => {
    expect(fieldNames(objectType(hubTypes, 'HousingCase'))).toEqual(hubServedFields.Case);
    expect(fieldNames(objectType(hubTypes, 'HousingItem'))).toEqual(hubServedFields.ApprovalItem);
    expect(fieldNames(objectType(hubTypes, 'HousingDepartment'))).toEqual(hubServedFields.Department);
    expect(hubTypes).toHaveLength(3);
  });

  it('declares them exactly as the department does, shareable, with a key the hub never resolves', () => {
    const department = departmentEntityTypeDefs(housing).definitions;
    for (const name of ['HousingCase', 'HousingItem', 'HousingDepartment']) {
      const hubType = objectType(hubTypes, name)!;
      const ownType = objectType(department, name)!;
      for (const field of hubType.fields ?? []) {
        const own = ownType.fields?.find((f) => f.name.value === field.name.value);
        expect(print(field.type)).toBe(print(own!.type));
      }
      const directives = print({ ...hubType, fields: [] });
      expect(directives).toContain('@shareable');
      expect(directives).toMatch(/@key\(fields: "\w+", resolvable: false\)/);
    }
  });
});
