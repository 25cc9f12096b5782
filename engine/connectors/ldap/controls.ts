// LDAP controls ldapts does not ship. ldapts hands a response control to the request control object with the
// same OID, so each class both writes its request value and parses the server's answer.
import { Ber, BerWriter, type BerReader, Control } from 'ldapts';

export const SHOW_DELETED_OID = '1.2.840.113556.1.4.417';
export const POST_READ_OID = '1.3.6.1.1.13.2';

/** A control without a value (AD Show Deleted, Tree Delete, …). */
export class FlagControl extends Control {
  constructor(oid: string, critical = false) {
    super(oid, { critical });
  }
}

/** RFC 4527 Post-Read: returns the listed attributes of the entry as it is after the operation. */
export class PostReadControl extends Control {
  entry: Record<string, Buffer[]> | undefined;
  constructor(private readonly attributes: readonly string[]) {
    super(POST_READ_OID, { critical: false });
  }
  protected override writeControl(writer: BerWriter): void {
    const w = new BerWriter();
    w.startSequence();
    for (const a of this.attributes) w.writeString(a);
    w.endSequence();
    writer.writeBuffer(w.buffer, Ber.OctetString);
  }
  protected override parseControl(reader: BerReader): void {
    // SearchResultEntry ::= [APPLICATION 4] SEQUENCE { objectName, attributes }
    if (reader.readSequence(0x64) === null) return;
    reader.readString();
    reader.readSequence();
    const end = reader.offset + reader.length;
    const entry: Record<string, Buffer[]> = {};
    while (reader.offset < end) {
      reader.readSequence();
      const type = reader.readString() ?? '';
      const values: Buffer[] = [];
      reader.readSequence(0x31);
      const valuesEnd = reader.offset + reader.length;
      while (reader.offset < valuesEnd) values.push(reader.readString(Ber.OctetString, true) as Buffer);
      entry[type.toLowerCase()] = values;
    }
    this.entry = entry;
  }
}
