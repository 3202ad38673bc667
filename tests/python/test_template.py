"""The new-project template: what a user gets right after `pip install .`."""
import pytest

import my_project


def test_greet_defaults_and_keywords():
    assert my_project.greet("world") == "Hello, world!"
    assert my_project.greet("a", 2) == "Hello, a! Hello, a!"
    assert my_project.greet(name="b", times=0) == ""


def test_greet_argument_errors_name_the_argument():
    with pytest.raises(TypeError, match=r"argument 'times'"):
        my_project.greet("a", "many")


def test_counter_steps_and_reads_its_value():
    counter = my_project.Counter()
    assert counter.value == 0
    assert counter.step(5) == 5
    assert counter.step(by=-2) == 3
    assert my_project.Counter(10).value == 10
    with pytest.raises(AttributeError):
        counter.value = 1
