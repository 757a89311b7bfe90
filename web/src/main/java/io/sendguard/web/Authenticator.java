package io.sendguard.web;

/** Checks a person's password (James's users repository in a real James). */
@FunctionalInterface
public interface Authenticator {
    /** @return true when the user exists and the password is right; false otherwise (never says which) */
    boolean verify(String user, String password);
}
