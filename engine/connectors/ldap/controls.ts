// LDAP controls ldapts does not ship. ldapts hands a response control to the request control object with the
// same OID, so each class both writes its request value and parses the server's answer.
import { Ber, BerWriter, type BerReader, Control } from 'ldapts';

export const SHOW_DELETED_OID = '1.2.840.113556.1.4.417';
export const POST_READ_OID = '1.3.6.1.1.13.2';
export const DIRSYNC_OID = '1.2.840.113556.1.4.841';

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

/** AD DirSync request `SEQ{flags, maxBytes, cookie}`; the response carries `SEQ{moreResults, unused, cookie}`. */
export class DirSyncControl extends Control {
  response: { moreResults: boolean; cookie: Buffer } | undefined;
  constructor(
    private readonly flags: number,
    private readonly cookie: Buffer,
    private readonly maxBytes = 0x100000,
  ) {
    super(DIRSYNC_OID, { critical: true });
  }
  protected override writeControl(writer: BerWriter): void {
    const w = new BerWriter();
    w.startSequence();
    w.writeInt(this.flags);
    w.writeInt(this.maxBytes);
    w.writeBuffer(this.cookie, Ber.OctetString);
    w.endSequence();
    writer.writeBuffer(w.buffer, Ber.OctetString);
  }
  protected override parseControl(reader: BerReader): void {
    if (reader.readSequence() === null) return;
    const more = reader.readInt() ?? 0;
    reader.readInt();
    const cookie = (reader.readString(Ber.OctetString, true) as Buffer | null) ?? Buffer.alloc(0);
    this.response = { moreResults: more !== 0, cookie };
  }
}
