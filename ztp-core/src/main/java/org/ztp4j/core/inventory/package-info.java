/**
 * Inventories: a CSV file whose header names the columns, reloadable while serving.
 */
package org.ztp4j.core.inventory;
