package io.sendguard.web;

import spark.Service;

/** A group of pages of Sendguard's web listener. */
public interface WebRoutes {
    void define(Service spark);
}
