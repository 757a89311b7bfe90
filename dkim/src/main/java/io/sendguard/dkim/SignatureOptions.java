package io.sendguard.dkim;

import io.sendguard.dkim.canon.Canonicalization;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How signatures are made: canonicalization, header selection, optional tags. Immutable; build with
 * {@link #builder()}. Defaults: {@code c=relaxed/relaxed}, {@link HeaderSelection#defaults()}, no
 * {@code x=}, no {@code i=}, no {@code l=}, no {@code q=}, compact {@code h=} list.
 */
public final class SignatureOptions {
    private static final SignatureOptions DEFAULTS = new SignatureOptions(new Builder());

    /** How the names in the {@code h=} tag are separated. */
    public enum HeaderListStyle {
        /** {@code h=from:to:subject} */
        COMPACT(":", ""),
        /** {@code h=from : to : subject} (the style of the RFC 6376 and RFC 8463 examples) */
        SPACED(" :", " ");

        private final String beforeBreak;
        private final String afterBreak;

        HeaderListStyle(String beforeBreak, String afterBreak) {
            this.beforeBreak = beforeBreak;
            this.afterBreak = afterBreak;
        }

        String beforeBreak() {
            return beforeBreak;
        }

        String afterBreak() {
            return afterBreak;
        }
    }

    private final Canonicalization headerCanonicalization;
    private final Canonicalization bodyCanonicalization;
    private final HeaderSelection headerSelection;
    private final Duration expiry;
    private final String identity;
    private final boolean bodyLengthTag;
    private final boolean queryMethodTag;
    private final HeaderListStyle headerListStyle;

    private SignatureOptions(Builder b) {
        this.headerCanonicalization = b.headerCanonicalization;
        this.bodyCanonicalization = b.bodyCanonicalization;
        this.headerSelection = b.headerSelection;
        this.expiry = b.expiry;
        this.identity = b.identity;
        this.bodyLengthTag = b.bodyLengthTag;
        this.queryMethodTag = b.queryMethodTag;
        this.headerListStyle = b.headerListStyle;
    }

    /** @return the default options */
    public static SignatureOptions defaults() {
        return DEFAULTS;
    }

    /** @return a builder initialized with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return header canonicalization (first part of {@code c=}) */
    public Canonicalization headerCanonicalization() {
        return headerCanonicalization;
    }

    /** @return body canonicalization (second part of {@code c=}) */
    public Canonicalization bodyCanonicalization() {
        return bodyCanonicalization;
    }

    /** @return the header fields to sign */
    public HeaderSelection headerSelection() {
        return headerSelection;
    }

    /** @return signature lifetime; {@code x=} is {@code t=} plus this, when present */
    public Optional<Duration> expiry() {
        return Optional.ofNullable(expiry);
    }

    /** @return the agent or user identifier ({@code i=}), when present */
    public Optional<String> identity() {
        return Optional.ofNullable(identity);
    }

    /** @return whether the {@code l=} tag (canonical body length) is emitted */
    public boolean bodyLengthTag() {
        return bodyLengthTag;
    }

    /** @return whether {@code q=dns/txt} is emitted (it is the default value anyway) */
    public boolean queryMethodTag() {
        return queryMethodTag;
    }

    /** @return the {@code h=} separator style */
    public HeaderListStyle headerListStyle() {
        return headerListStyle;
    }

    /** @return a builder initialized with these options */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.headerCanonicalization = headerCanonicalization;
        b.bodyCanonicalization = bodyCanonicalization;
        b.headerSelection = headerSelection;
        b.expiry = expiry;
        b.identity = identity;
        b.bodyLengthTag = bodyLengthTag;
        b.queryMethodTag = queryMethodTag;
        b.headerListStyle = headerListStyle;
        return b;
    }

    @Override
    public String toString() {
        return "SignatureOptions[c=" + headerCanonicalization.tagValue() + "/" + bodyCanonicalization.tagValue()
                + ", " + headerSelection + ", expiry=" + expiry + ", i=" + identity + ", l=" + bodyLengthTag + "]";
    }

    /** Builder of {@link SignatureOptions}; validation happens in {@link #build()}. */
    public static final class Builder {
        private Canonicalization headerCanonicalization = Canonicalization.RELAXED;
        private Canonicalization bodyCanonicalization = Canonicalization.RELAXED;
        private HeaderSelection headerSelection = HeaderSelection.defaults();
        private Duration expiry;
        private String identity;
        private boolean bodyLengthTag;
        private boolean queryMethodTag;
        private HeaderListStyle headerListStyle = HeaderListStyle.COMPACT;

        private Builder() {
        }

        /**
         * @param header header canonicalization
         * @param body   body canonicalization
         * @return this
         */
        public Builder canonicalization(Canonicalization header, Canonicalization body) {
            this.headerCanonicalization = Objects.requireNonNull(header, "header");
            this.bodyCanonicalization = Objects.requireNonNull(body, "body");
            return this;
        }

        /**
         * @param selection the header fields to sign
         * @return this
         */
        public Builder headerSelection(HeaderSelection selection) {
            this.headerSelection = Objects.requireNonNull(selection, "selection");
            return this;
        }

        /**
         * @param lifetime signature lifetime for {@code x=}, or null for none; must be positive
         * @return this
         */
        public Builder expiry(Duration lifetime) {
            this.expiry = lifetime;
            return this;
        }

        /**
         * @param agentOrUserIdentifier the {@code i=} value ({@code @domain} or {@code local@domain}),
         *                              or null for none; its domain must be the signing domain or a subdomain
         * @return this
         */
        public Builder identity(String agentOrUserIdentifier) {
            this.identity = agentOrUserIdentifier;
            return this;
        }

        /**
         * @param emit whether to emit {@code l=} with the full canonical body length
         * @return this
         */
        public Builder bodyLengthTag(boolean emit) {
            this.bodyLengthTag = emit;
            return this;
        }

        /**
         * @param emit whether to emit {@code q=dns/txt}
         * @return this
         */
        public Builder queryMethodTag(boolean emit) {
            this.queryMethodTag = emit;
            return this;
        }

        /**
         * @param style the {@code h=} separator style
         * @return this
         */
        public Builder headerListStyle(HeaderListStyle style) {
            this.headerListStyle = Objects.requireNonNull(style, "style");
            return this;
        }

        /**
         * @return the options
         * @throws DkimConfigurationException when the expiry is not positive or the identity is malformed
         */
        public SignatureOptions build() throws DkimConfigurationException {
            if (expiry != null && (expiry.isNegative() || expiry.isZero() || expiry.getSeconds() == 0)) {
                throw new DkimConfigurationException("signature expiry must be at least one second");
            }
            if (identity != null) {
                validateIdentity(identity);
            }
            return new SignatureOptions(this);
        }

        private static void validateIdentity(String identity) throws DkimConfigurationException {
            int at = identity.lastIndexOf('@');
            if (at < 0) {
                throw new DkimConfigurationException("identity (i=) must contain '@': '" + identity + "'");
            }
            String local = identity.substring(0, at);
            for (int i = 0; i < local.length(); i++) {
                char c = local.charAt(i);
                if (c <= ' ' || c > '~' || c == ';' || c == '=') {
                    throw new DkimConfigurationException("identity (i=) local part has an unsupported character");
                }
            }
            if (DomainNames.normalize(identity.substring(at + 1)).isEmpty()) {
                throw new DkimConfigurationException("identity (i=) has an invalid domain: '" + identity + "'");
            }
        }
    }

    /** @return the identity domain, normalized, when an identity is set */
    Optional<String> identityDomain() {
        return identity().flatMap(i -> DomainNames.normalize(i.substring(i.lastIndexOf('@') + 1)));
    }
}
