package io.sendguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sendguard.e2e.harness.JamesProcess;
import io.sendguard.e2e.harness.Ports;
import io.sendguard.e2e.harness.SendguardConf;

/** A typo in mailetcontainer.xml, smtpserver.xml or sendguard.properties must stop James at startup with a message naming the parameter. */
class StartupValidationIT {
    @TempDir
    Path work;

    @Test
    void unknownMailetParameterShouldStopJamesNamingTheParameter() {
        SendguardConf conf = SendguardConf.copyOfShipped(work.resolve("conf"), Ports.free())
            .replace("mailetcontainer.xml", "<detectTypeMismatch>true</detectTypeMismatch>",
                "<detectTypeMismatch>true</detectTypeMismatch><blockedTypez>application/x-sh</blockedTypez>");

        String log = JamesProcess.in(work, conf).startExpectingFailure();

        assertThat(log).contains("blockedTypez");
        assertThat(Ports.isOpen(conf.smtpPort)).isFalse();
    }

    @Test
    void invalidMailetParameterValueShouldStopJamesNamingTheParameter() {
        SendguardConf conf = SendguardConf.copyOfShipped(work.resolve("conf"), Ports.free())
            .replace("mailetcontainer.xml", "<detectTypeMismatch>true</detectTypeMismatch>",
                "<detectTypeMismatch>sometimes</detectTypeMismatch>");

        String log = JamesProcess.in(work, conf).startExpectingFailure();

        assertThat(log).contains("detectTypeMismatch").contains("sometimes");
        assertThat(Ports.isOpen(conf.smtpPort)).isFalse();
    }

    @Test
    void invalidMatcherConditionShouldStopJamesNamingTheBadValue() {
        SendguardConf conf = SendguardConf.copyOfShipped(work.resolve("conf"), Ports.free())
            .replace("mailetcontainer.xml", "HasFinding=attachment:high", "HasFinding=attachment:severe");

        String log = JamesProcess.in(work, conf).startExpectingFailure();

        assertThat(log).contains("'severe'");
        assertThat(Ports.isOpen(conf.smtpPort)).isFalse();
    }

    @Test
    void aParameterGivenToEncodeRawHeadersShouldStopJamesNamingIt() {
        SendguardConf conf = SendguardConf.copyOfShipped(work.resolve("conf"), Ports.free())
            .replace("smtpserver.xml", "<handler class=\"io.sendguard.smtp.EncodeRawHeaders\"/>",
                "<handler class=\"io.sendguard.smtp.EncodeRawHeaders\"><fallbackCharset>x</fallbackCharset></handler>");

        String log = JamesProcess.in(work, conf).startExpectingFailure();

        assertThat(log).contains("fallbackCharset");
        assertThat(Ports.isOpen(conf.smtpPort)).isFalse();
    }

    @Test
    void aMisspelledPageTextInSendguardPropertiesShouldStopJamesNamingTheKey() {
        SendguardConf conf = SendguardConf.copyOfShipped(work.resolve("conf"), Ports.free())
            .replace("sendguard.properties", "page.text.footer=", "page.text.fotter=");

        String log = JamesProcess.in(work, conf).startExpectingFailure();

        assertThat(log).contains("page.text.fotter");
        assertThat(Ports.isOpen(conf.smtpPort)).isFalse();
    }

    @Test
    void aNoticeTimeZoneThatDoesNotExistShouldStopJamesNamingTheFileAndKey() {
        SendguardConf conf = SendguardConf.copyOfShipped(work.resolve("conf"), Ports.free())
            .replace("sendguard.properties", "notice.timeZone=Asia/Tokyo", "notice.timeZone=Asia/Tokio");

        String log = JamesProcess.in(work, conf).startExpectingFailure();

        assertThat(log).contains("sendguard.properties: invalid notice.timeZone: 'Asia/Tokio' is not a time zone");
        assertThat(Ports.isOpen(conf.smtpPort)).isFalse();
    }

    @Test
    void aLinkSecretPublishedWithAnEarlierConfShouldStopJamesNamingTheFileAndKey() {
        SendguardConf conf = SendguardConf.copyOfShipped(work.resolve("conf"), Ports.free())
            .replace("sendguard.properties", "#links.secret=",
                "links.secret=base64:c2VuZGd1YXJkLWRlbW8tc2VjcmV0LWNoYW5nZS1tZS1iZWZvcmUtcHJvZHVjdGlvbg==");

        String log = JamesProcess.in(work, conf).startExpectingFailure();

        assertThat(log).contains("sendguard.properties: links.secret is a published sample value");
        assertThat(Ports.isOpen(conf.smtpPort)).isFalse();
    }

    @Test
    void anApprovalCountOutOfRangeShouldStopJamesNamingTheFileAndKey() {
        SendguardConf conf = SendguardConf.copyOfShipped(work.resolve("conf"), Ports.free())
            .replace("sendguard.properties", "approval.required=1", "approval.required=6");

        String log = JamesProcess.in(work, conf).startExpectingFailure();

        assertThat(log).contains("sendguard.properties: invalid approval.required '6'");
        assertThat(Ports.isOpen(conf.smtpPort)).isFalse();
    }

    @Test
    void aDoubleCheckAskingMoreApprovalsThanItsRuleNamesShouldStopJamesNamingTheParameter() {
        SendguardConf conf = SendguardConf.copyOfShipped(work.resolve("conf"), Ports.free())
            .replace("mailetcontainer.xml", "<approvalsRequired>2</approvalsRequired>", "<approvalsRequired>3</approvalsRequired>");

        String log = JamesProcess.in(work, conf).startExpectingFailure();

        assertThat(log).contains("Invalid approvalsRequired 3").contains("*=manager@example.com security@example.com");
        assertThat(Ports.isOpen(conf.smtpPort)).isFalse();
    }

    @Test
    void aShortAuditHashKeyShouldStopJamesNamingTheFileAndKey() {
        SendguardConf conf = SendguardConf.copyOfShipped(work.resolve("conf"), Ports.free())
            .replace("sendguard-audit.properties", "#audit.hashKey=", "audit.hashKey=change-me");

        String log = JamesProcess.in(work, conf).startExpectingFailure();

        assertThat(log).contains("sendguard-audit.properties: audit.hashKey must have at least 32 bytes");
        assertThat(Ports.isOpen(conf.smtpPort)).isFalse();
    }
}
