/** Objects that refuse fields they do not know, saying which, so a typo or an old client is told plainly. */
import { z } from 'zod';

/** A strict object whose unknown fields are refused with a message that names them. */
export const strictFields = <T extends z.ZodRawShape>(what: string, shape: T) =>
  z.strictObject(shape, {
    error: (iss) =>
      iss.code === 'unrecognized_keys'
        ? `${what} has no field ${iss.keys.map((k) => `"${k}"`).join(', ')}: leave it out (or check the template version).`
        : undefined,
  });
