#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Count how often one byte value occurs in a bytes object. */
static PyObject *count_byte(PyObject *self, PyObject *args) {
    Py_buffer data;
    int needle;
    if (!PyArg_ParseTuple(args, "y*i", &data, &needle)) {
        return NULL;
    }
    const unsigned char *bytes = data.buf;
    Py_ssize_t total = 0;
    for (Py_ssize_t i = 0; i < data.len; i++) {
        if (bytes[i] == (unsigned char)needle) {
            total++;
        }
    }
    PyBuffer_Release(&data);
    return PyLong_FromSsize_t(total);
}

static PyMethodDef methods[] = {
    {"count_byte", count_byte, METH_VARARGS, "Count occurrences of a byte."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_speedups", NULL, -1, methods,
};

PyMODINIT_FUNC PyInit__speedups(void) { return PyModule_Create(&module); }
