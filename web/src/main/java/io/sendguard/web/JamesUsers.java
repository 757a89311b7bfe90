package io.sendguard.web;

import org.apache.james.core.Username;
import org.apache.james.user.api.UsersRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sendguard.core.failsafe.Failsafe;

/** Sign-in with the sender's own James password: James's {@link UsersRepository}. */
public final class JamesUsers implements Authenticator {
    private static final Logger LOGGER = LoggerFactory.getLogger(JamesUsers.class);
    private static final int MAX_CHARS = 512;

    private final UsersRepository users;

    public JamesUsers(UsersRepository users) {
        this.users = users;
    }

    @Override
    public boolean verify(String user, String password) {
        if (user == null || password == null || user.isBlank() || password.isEmpty()
            || user.length() > MAX_CHARS || password.length() > MAX_CHARS) {
            return false;
        }
        try {
            return Failsafe.call("sign-in check", () -> users.test(Username.of(user.trim()), password), failure -> false);
        } catch (Exception e) {
            LOGGER.warn("Sign-in could not be checked: {}", Failsafe.describe(e));
            return false;
        }
    }
}
