package io.sendguard.mailets.hold;

import java.util.ArrayList;
import java.util.List;

/** Keys of the small attributes a held mail carries for its notices, and their encoding. */
public final class HoldAttributes {
    /** Findings of the inspection (FindingCodec text). */
    public static final String FINDINGS = "sendguard.findings";
    /** Attachments: one "name\tsize" line each. */
    public static final String ATTACHMENTS = "sendguard.attachments";

    private HoldAttributes() {
    }

    /** An attachment as the notice shows it. */
    public static final class Attachment {
        public final String name;
        public final long size;

        public Attachment(String name, long size) {
            this.name = name;
            this.size = size;
        }
    }

    public static String encodeAttachments(List<Attachment> attachments) {
        StringBuilder out = new StringBuilder();
        for (Attachment a : attachments) {
            out.append(a.name.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ')).append('\t').append(a.size).append('\n');
        }
        return out.toString();
    }

    public static List<Attachment> decodeAttachments(String encoded) {
        List<Attachment> result = new ArrayList<>();
        if (encoded == null) {
            return result;
        }
        for (String line : encoded.split("\n")) {
            int tab = line.lastIndexOf('\t');
            if (tab > 0) {
                try {
                    result.add(new Attachment(line.substring(0, tab), Long.parseLong(line.substring(tab + 1))));
                } catch (NumberFormatException e) {
                    result.add(new Attachment(line.substring(0, tab), -1));
                }
            }
        }
        return result;
    }
}
